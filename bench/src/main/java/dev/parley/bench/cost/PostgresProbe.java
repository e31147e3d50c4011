package dev.parley.bench.cost;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL's own counters for the database the nodes use, from {@code pg_stat_database} (transactions, rows
 * written and read, blocks), the WAL position (bytes of write-ahead log written) and the sizes of the message
 * tables. {@code pg_stat_database} is updated by each backend at most once a second, so a reading right after a
 * run may lack its last second: {@link CostMeter} waits for it.
 */
final class PostgresProbe implements EngineProbe {

  private final Long pid;
  private final Connection connection;

  PostgresProbe(String jdbcUrl, Long pid) throws SQLException {
    this.pid = pid;
    this.connection = DriverManager.getConnection(jdbcUrl);
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public Long pid() {
    return pid;
  }

  @Override
  public Map<String, Double> counters() {
    return query("""
        SELECT xact_commit AS transactions, tup_inserted AS rows_inserted, tup_updated AS rows_updated,
               tup_deleted AS rows_deleted, tup_fetched AS rows_fetched, blks_hit + blks_read AS blocks_read,
               pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') AS wal_bytes
        FROM pg_stat_database WHERE datname = current_database()""");
  }

  @Override
  public Map<String, Double> storage() {
    Map<String, Double> out = query("SELECT pg_database_size(current_database()) AS database_bytes,"
        + " to_regclass('messages') IS NOT NULL AND to_regclass('events') IS NOT NULL AS has_messages");
    if (out.remove("has_messages") > 0) {
      out.putAll(query("""
          SELECT pg_total_relation_size('messages') AS messages_bytes, pg_total_relation_size('events') AS events_bytes,
                 (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM events) AS events"""));
    }
    return out;
  }

  private Map<String, Double> query(String sql) {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
      Map<String, Double> out = new LinkedHashMap<>();
      if (r.next()) {
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          Object v = r.getObject(i);
          out.put(r.getMetaData().getColumnLabel(i), v instanceof Boolean bool ? (bool ? 1.0 : 0.0) : r.getDouble(i));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing to do
    }
  }
}
