package dev.parley.server.backend;

import dev.parley.core.account.AccountStore;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.server.config.NodeConfig;
import dev.parley.store.postgres.PostgresAccountStore;
import dev.parley.store.postgres.PostgresConversationStore;
import dev.parley.store.sqlite.SqliteAccountStore;
import dev.parley.store.sqlite.SqliteConversationStore;
import java.util.function.BooleanSupplier;

/** The accounts and conversations store family ({@code store.type}): sqlite or postgres. */
public record Stores(AccountStore accounts, ConversationStore conversations, BooleanSupplier ready) implements Family {

    public static Stores open(NodeConfig config, Engines engines) {
        return switch (config.storeType()) {
            case "sqlite" -> new Stores(new SqliteAccountStore(engines.sqlite()), new SqliteConversationStore(engines.sqlite()),
                    engines::ready);
            case "postgres" -> new Stores(new PostgresAccountStore(engines.postgres()),
                    new PostgresConversationStore(engines.postgres()), engines::ready);
            default -> throw Family.unknown("store", config.storeType(), "sqlite, postgres");
        };
    }

    @Override
    public void close() {
    }
}
