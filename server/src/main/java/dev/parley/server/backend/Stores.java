package dev.parley.server.backend;

import dev.parley.core.account.AccountStore;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.server.config.NodeConfig;
import dev.parley.store.postgres.PostgresAccountStore;
import dev.parley.store.postgres.PostgresConversationStore;
import dev.parley.store.postgres.PostgresPushSubscriptionStore;
import dev.parley.store.sqlite.SqliteAccountStore;
import dev.parley.store.sqlite.SqliteConversationStore;
import dev.parley.store.sqlite.SqlitePushSubscriptionStore;
import java.util.function.BooleanSupplier;

/** The accounts, conversations and push subscriptions store family ({@code store.type}): sqlite or postgres. */
public record Stores(AccountStore accounts, ConversationStore conversations, PushSubscriptionStore pushSubscriptions,
                     BooleanSupplier ready) implements Family {

    public static Stores open(NodeConfig config, Engines engines) {
        return switch (config.storeType()) {
            case "sqlite" -> new Stores(new SqliteAccountStore(engines.sqlite()), new SqliteConversationStore(engines.sqlite()),
                    new SqlitePushSubscriptionStore(engines.sqlite()), engines::ready);
            case "postgres" -> new Stores(new PostgresAccountStore(engines.postgres()),
                    new PostgresConversationStore(engines.postgres()),
                    new PostgresPushSubscriptionStore(engines.postgres()), engines::ready);
            default -> throw Family.unknown("store", config.storeType(), "sqlite, postgres");
        };
    }

    @Override
    public void close() {
    }
}
