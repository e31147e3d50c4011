package dev.parley.server.tools;

import dev.parley.core.account.AccountEvents;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.Authenticated;
import dev.parley.core.account.Principal;
import dev.parley.core.account.Tokens;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.Appended;
import dev.parley.core.event.EventPublisher;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogListener;
import dev.parley.core.id.Snowflake;
import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimitGate;
import dev.parley.core.ratelimit.RateLimits;
import dev.parley.server.BcryptPasswordHasher;
import dev.parley.server.backend.Engines;
import dev.parley.server.backend.Logs;
import dev.parley.server.backend.Relays;
import dev.parley.server.backend.Stores;
import dev.parley.server.config.NodeConfig;
import dev.parley.server.config.Settings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Fills a node's stores for the history benchmark: one user, one channel, N messages appended through the
 * configured message log (the node's own write path, minus HTTP and rate limits). The stores are chosen like a
 * node's ({@code PARLEY_*} settings); for SQLite, run it on a stopped node's data directory, then start the
 * node on it (for {@code log.type=kafka}, point it at the cluster's engines; appends wait up to 10 minutes, since a window
 * of 20,000 appends to one conversation is sequenced by one partition owner):
 * <pre>java -cp server/target/parley-server.jar dev.parley.server.tools.HistoryLoader DATA_DIR [MESSAGES]</pre>
 * Prints one JSON line with the channel id and a bearer token for reading it.
 */
public final class HistoryLoader {
    private static final int WINDOW = 20_000;

    private HistoryLoader() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: HistoryLoader DATA_DIR [MESSAGES]");
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        NodeConfig config = NodeConfig.from(Settings.load(System.getenv(), Map.of(
                "data.dir", args[0], "node.id", "1023", "sqlite.synchronous", "NORMAL", "sqlite.readers", "1",
                "sqlite.max.batch", "5000", "log.kafka.append.timeout.ms", "600000")));
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        Snowflake ids = new Snowflake(clock, config.nodeId());
        try (Engines engines = new Engines(config); Relays relays = Relays.open(config, engines);
             Stores stores = Stores.open(config, engines); Logs logs = Logs.open(config, engines, LogListener.NONE)) {
            EventPublisher publisher = new EventPublisher(relays.relay());
            AccountService accounts = new AccountService(stores.accounts(), new BcryptPasswordHasher(4),
                    new Tokens(new SecureRandom()), ids, new RateLimitGate(new LocalRateLimiter(clock)), RateLimits.defaults(),
                    AccountEvents.NONE, clock);
            ConversationService conversations = new ConversationService(stores.conversations(), stores.accounts(),
                    logs.messages(), logs.log(), publisher, ids, clock);
            String username = "history_" + UUID.randomUUID().toString().substring(0, 8);
            Authenticated user = accounts.register(username, "history-bench", null, null, "history-loader");
            Principal principal = new Principal(user.user().id(), user.sessionId());
            ConversationView channel = conversations.createChannel(principal, "history", "1M messages", Visibility.PRIVATE);
            long channelId = channel.conversation().id();
            long start = System.nanoTime();
            for (int done = 0; done < count; ) {
                int window = Math.min(WINDOW, count - done);
                List<CompletableFuture<Appended>> pending = new ArrayList<>(window);
                for (int i = 0; i < window; i++) {
                    int n = done + i + 1;
                    pending.add(logs.log().append(new LogEntry.PostMessage(channelId, ids.next(), principal.userId(),
                            "history message " + n + " — a line of ordinary chat text to give rows a realistic size", null,
                            null, clock.instant())));
                }
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                done += window;
                System.err.printf("\rloaded %,d / %,d", done, count);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("%nloaded %,d messages in %.1f s (%,.0f/s)%n", count, seconds, count / seconds);
            System.out.printf("{\"conversation_id\":\"%d\",\"user_id\":\"%d\",\"username\":\"%s\",\"token\":\"%s\",\"messages\":%d}%n",
                    channelId, principal.userId(), username, user.token(), count);
        }
    }
}
