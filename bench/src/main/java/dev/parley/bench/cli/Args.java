package dev.parley.bench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line: positional words, then {@code --name value}, {@code --name=value} or a bare
 * {@code --flag} (true). An option given more than once keeps every value ({@link #strings}); the
 * single-value accessors read the last. Every option read through an accessor is remembered, so that
 * {@link #requireAllUsed()} can refuse misspelt options.
 */
public final class Args {

  private final List<String> positional;
  private final Map<String, List<String>> options;
  private final Set<String> used = new HashSet<>();

  private Args(List<String> positional, Map<String, List<String>> options) {
    this.positional = positional;
    this.options = options;
  }

  /** A copy with other options that still knows which were read (so {@link #requireAllUsed()} accepts those). */
  private Args copy(Map<String, List<String>> newOptions) {
    Args a = new Args(positional, newOptions);
    a.used.addAll(used);
    return a;
  }

  public static Args parse(String... argv) {
    List<String> positional = new ArrayList<>();
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (!a.startsWith("--")) {
        positional.add(a);
        continue;
      }
      String name = a.substring(2);
      int eq = name.indexOf('=');
      String key = eq >= 0 ? name.substring(0, eq) : name;
      String value;
      if (eq >= 0) {
        value = name.substring(eq + 1);
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
        value = argv[++i];
      } else {
        value = "true";
      }
      options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new Args(List.copyOf(positional), options);
  }

  /** A copy with {@code name} set to {@code value} alone (removed when value is null). */
  public Args with(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(options);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, List.of(value));
    }
    return copy(copy);
  }

  /** A copy with {@code name} set to {@code values} (removed when empty). */
  public Args withAll(String name, List<String> values) {
    Map<String, List<String>> copy = new LinkedHashMap<>(options);
    if (values.isEmpty()) {
      copy.remove(name);
    } else {
      copy.put(name, List.copyOf(values));
    }
    return copy(copy);
  }

  /** A copy without the named options. */
  public Args without(List<String> names) {
    Map<String, List<String>> copy = new LinkedHashMap<>(options);
    names.forEach(copy::remove);
    return copy(copy);
  }

  /**
   * The options as a command line that parses back to them: every value of every option as {@code --name=value}
   * (so a value that starts with {@code --} survives), without the positional words.
   */
  public List<String> optionsArgv() {
    List<String> argv = new ArrayList<>();
    options.forEach((k, values) -> values.forEach(v -> argv.add("--" + k + "=" + v)));
    return argv;
  }

  public List<String> positional() {
    return positional;
  }

  /** The options as given, for recording in results (repeated values joined by commas). */
  public Map<String, String> options() {
    Map<String, String> joined = new LinkedHashMap<>();
    options.forEach((k, v) -> joined.put(k, String.join(",", v)));
    return joined;
  }

  public boolean has(String name) {
    used.add(name);
    return options.containsKey(name);
  }

  public String string(String name, String def) {
    used.add(name);
    List<String> values = options.get(name);
    return values == null ? def : values.getLast();
  }

  /**
   * Every value of an option given once or more, each split at commas ({@code --url a --url b} and
   * {@code --url a,b} are the same); empty when absent.
   */
  public List<String> strings(String name) {
    used.add(name);
    return options.getOrDefault(name, List.of()).stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  public int integer(String name, int def) {
    String v = string(name, null);
    try {
      return v == null ? def : Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " wants an integer, got " + v);
    }
  }

  public double number(String name, double def) {
    String v = string(name, null);
    try {
      return v == null ? def : Double.parseDouble(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " wants a number, got " + v);
    }
  }

  public boolean flag(String name) {
    String v = string(name, "false");
    return v.equals("true") || v.equals("yes") || v.equals("1");
  }

  /** Fails on an option no accessor asked for. */
  public void requireAllUsed() {
    List<String> unknown = options.keySet().stream().filter(k -> !used.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
    }
  }
}
