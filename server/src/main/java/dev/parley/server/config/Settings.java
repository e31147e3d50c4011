package dev.parley.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Raw settings by dotted key ({@code http.port}). Later sources win: built-in defaults, then the config
 * file ({@code PARLEY_CONFIG}, Java properties format, same keys), then environment variables
 * ({@code PARLEY_HTTP_PORT} for {@code http.port}), then explicit overrides (tests).
 */
public final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    public static Settings load(Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        String file = overrides.getOrDefault("config", env.get("PARLEY_CONFIG"));
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("PARLEY_") && !name.equals("PARLEY_CONFIG")) {
                values.put(name.substring("PARLEY_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        values.putAll(overrides);
        return new Settings(values);
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new HashMap<>();
        p.forEach((k, v) -> out.put(k.toString().trim().toLowerCase(Locale.ROOT).replace('_', '.'), v.toString().trim()));
        return out;
    }

    public String string(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public int integer(String key, int fallback) {
        String v = string(key, null);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be an integer: " + v);
        }
    }

    /** An integer setting, or null when it is not set. */
    public Integer optionalInteger(String key) {
        return string(key, null) == null ? null : integer(key, 0);
    }

    public double decimal(String key, double fallback) {
        String v = string(key, null);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a number: " + v);
        }
    }
}
