package dev.parley.store.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small JDBC conveniences: bind parameters (times as epoch milliseconds), map rows, build arrays.
 *
 * <p>Statements are prepared per call and closed after it (the PostgreSQL driver keeps each connection's
 * server-side statements by SQL text), except on a connection that {@linkplain #keepStatements keeps its
 * statements}: there each is prepared once and kept until {@link #forget} (SQLite compiles each statement, which
 * costs more than running the small ones here). Threading: a connection is only ever used by one thread at a time,
 * so its kept statements need no locking.
 */
public final class Jdbc {
    private static final Map<Connection, Map<String, PreparedStatement>> KEPT = new ConcurrentHashMap<>();

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        Map<String, PreparedStatement> kept = KEPT.get(c);
        if (kept != null) {
            return query(kept(kept, c, sql), row, params);
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return query(ps, row, params);
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> rows = list(c, sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        Map<String, PreparedStatement> kept = KEPT.get(c);
        if (kept != null) {
            return execute(kept(kept, c, sql), params);
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return execute(ps, params);
        }
    }

    /** From now on prepares each statement once on this connection and keeps it; call {@link #forget} before closing it. */
    public static void keepStatements(Connection c) {
        KEPT.put(c, new HashMap<>());
    }

    /** Closes and forgets a connection's kept statements; call before closing it. */
    public static void forget(Connection c) throws SQLException {
        Map<String, PreparedStatement> statements = KEPT.remove(c);
        if (statements != null) {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
        }
    }

    public static Array bigints(Connection c, Collection<Long> values) throws SQLException {
        return c.createArrayOf("bigint", values.toArray());
    }

    public static Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int index = i + 1;
            switch (params[i]) {
                case null -> ps.setNull(index, Types.NULL);
                case Instant t -> ps.setLong(index, t.toEpochMilli());
                case Long l -> ps.setLong(index, l);
                case Integer n -> ps.setInt(index, n);
                case String s -> ps.setString(index, s);
                case Boolean b -> ps.setBoolean(index, b);
                case Array a -> ps.setArray(index, a);
                default -> throw new IllegalArgumentException("cannot bind " + params[i].getClass());
            }
        }
    }

    /** The text as a LIKE pattern (escape character {@code \}) in which {@code % _ \} match themselves. */
    public static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static PreparedStatement kept(Map<String, PreparedStatement> kept, Connection c, String sql) throws SQLException {
        PreparedStatement ps = kept.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            kept.put(sql, ps);
        }
        return ps;
    }

    private static <T> List<T> query(PreparedStatement ps, Row<T> row, Object... params) throws SQLException {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    private static int execute(PreparedStatement ps, Object... params) throws SQLException {
        bind(ps, params);
        return ps.executeUpdate();
    }
}
