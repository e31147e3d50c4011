package dev.parley.server.backend;

import dev.parley.core.event.LogListener;
import dev.parley.core.event.MessageLog;
import dev.parley.core.message.MessageStore;
import dev.parley.server.config.NodeConfig;
import dev.parley.store.sqlite.SqliteMessageLog;
import dev.parley.store.sqlite.SqliteMessageStore;
import java.util.function.BooleanSupplier;

/** The message log and history family ({@code log.type}): sqlite. Closing finishes the appends already taken. */
public record Logs(MessageLog log, MessageStore messages, BooleanSupplier ready) implements Family {

    public static Logs open(NodeConfig config, Engines engines, LogListener listener) {
        return switch (config.logType()) {
            case "sqlite" -> new Logs(new SqliteMessageLog(engines.sqlite(), config.sqlite().maxBatch(), listener),
                    new SqliteMessageStore(engines.sqlite()), engines::ready);
            default -> throw Family.unknown("log", config.logType(), "sqlite");
        };
    }

    @Override
    public void close() {
        log.close();
    }
}
