package dev.parley.store.postgres;

/**
 * How a node reaches PostgreSQL. {@code url} is a JDBC URL carrying user and password
 * ({@code jdbc:postgresql://HOST:5432/parley?user=parley&password=...}); {@code poolSize} bounds the node's
 * connections (one of them at a time is the log writer's); {@code maxBatch} bounds one group commit of the
 * writer.
 */
public record PostgresSettings(String url, int poolSize, int maxBatch) {
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final int DEFAULT_MAX_BATCH = 500;

    public PostgresSettings {
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("postgres.url must be a jdbc:postgresql: URL");
        }
        if (poolSize < 2 || maxBatch < 1) {
            throw new IllegalArgumentException("postgres.pool.size must be >= 2 and postgres.max.batch >= 1");
        }
    }

    /** The URL without its parameters (which hold the password), for messages and logs. */
    public String safeUrl() {
        if (url == null) {
            return "(no postgres.url)";
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
