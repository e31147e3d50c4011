package dev.parley.state.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of this package ({@code NAME.lua} beside this class), which Redis runs atomically. It is called
 * by its SHA-1 digest and sent in full only when Redis does not have it cached (at first use, and after a restart).
 */
final class LuaScript {
    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs it on the caller's thread; see {@link RedisConnections#call} for failures. */
    <T> T run(RedisConnections redis, ScriptOutputType type, String[] keys, String... args) {
        RedisCommands<String, String> commands = redis.sync();
        return RedisConnections.call(() -> {
            try {
                return commands.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return commands.eval(source, type, keys, args);
            }
        });
    }
}
