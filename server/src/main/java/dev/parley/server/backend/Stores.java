package dev.parley.server.backend;

import dev.parley.core.account.AccountStore;
import dev.parley.core.account.InviteStore;
import dev.parley.core.account.TicketStore;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.notification.PushSubscriptionStore;
import dev.parley.server.config.NodeConfig;
import dev.parley.store.postgres.PostgresAccountStore;
import dev.parley.store.postgres.PostgresConversationStore;
import dev.parley.store.postgres.PostgresInviteStore;
import dev.parley.store.postgres.PostgresPushSubscriptionStore;
import dev.parley.store.postgres.PostgresTicketStore;
import dev.parley.store.sqlite.SqliteAccountStore;
import dev.parley.store.sqlite.SqliteConversationStore;
import dev.parley.store.sqlite.SqliteInviteStore;
import dev.parley.store.sqlite.SqlitePushSubscriptionStore;
import dev.parley.store.sqlite.SqliteTicketStore;
import java.util.function.BooleanSupplier;

/**
 * The accounts and conversations store family ({@code store.type}): sqlite or postgres. Invites, tickets and push
 * subscriptions live beside accounts.
 */
public record Stores(AccountStore accounts, ConversationStore conversations, InviteStore invites, TicketStore tickets,
                     PushSubscriptionStore pushSubscriptions,
                     BooleanSupplier ready) implements Family {

    public static Stores open(NodeConfig config, Engines engines) {
        return switch (config.storeType()) {
            case "sqlite" -> new Stores(new SqliteAccountStore(engines.sqlite()), new SqliteConversationStore(engines.sqlite()),
                    new SqliteInviteStore(engines.sqlite()), new SqliteTicketStore(engines.sqlite()),
                    new SqlitePushSubscriptionStore(engines.sqlite()), engines::ready);
            case "postgres" -> new Stores(new PostgresAccountStore(engines.postgres()),
                    new PostgresConversationStore(engines.postgres()), new PostgresInviteStore(engines.postgres()),
                    new PostgresTicketStore(engines.postgres()), new PostgresPushSubscriptionStore(engines.postgres()),
                    engines::ready);
            default -> throw Family.unknown("store", config.storeType(), "sqlite, postgres");
        };
    }

    @Override
    public void close() {
    }
}
