package dev.parley.server.backend;

import dev.parley.core.event.LogListener;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.MessageStore;
import dev.parley.server.config.NodeConfig;
import dev.parley.store.postgres.PostgresMessageLog;
import dev.parley.store.postgres.PostgresMessageStore;
import dev.parley.store.sqlite.SqliteMessageLog;
import dev.parley.store.sqlite.SqliteMessageStore;
import java.util.function.BooleanSupplier;

/**
 * The message log and history family ({@code log.type}): sqlite or postgres. Closing finishes the appends already
 * taken.
 */
public record Logs(MessageLog log, MessageStore messages, BooleanSupplier ready) implements Family {

    public static Logs open(NodeConfig config, Engines engines, LogListener listener) {
        return switch (config.logType()) {
            case "sqlite" -> new Logs(new SqliteMessageLog(engines.sqlite(), config.sqlite().maxBatch(), listener),
                    new SqliteMessageStore(engines.sqlite()), engines::ready);
            case "postgres" -> new Logs(new PostgresMessageLog(engines.postgres(), config.postgres().maxBatch(), listener),
                    new PostgresMessageStore(engines.postgres()), engines::ready);
            default -> throw Family.unknown("log", config.logType(), "sqlite, postgres");
        };
    }

    @Override
    public void close() {
        log.close();
    }
}
