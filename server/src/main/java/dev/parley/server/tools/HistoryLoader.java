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
import dev.parley.log.kafka.KafkaMessageLog;
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
 * node on it (for {@code log.type=kafka}, point it at the cluster's engines, e.g. {@code env $(cat CLUSTER_DIR/engines.env)};
 * the first message is appended and answered, the others produced to the log in windows of 20,000 without waiting for
 * each one's outcome, and the loader ends once Cassandra's head of the conversation shows them all):
 * <pre>java -cp server/target/parley-server.jar dev.parley.server.tools.HistoryLoader DATA_DIR [MESSAGES]</pre>
 * Prints one JSON line with the channel id and a bearer token for reading it (both also go to standard error before
 * the load starts, so that a load stopped early can still be read).
 */
public final class HistoryLoader {
    private static final int WINDOW = 20_000;

    private HistoryLoader() {
    }

    private static LogEntry.PostMessage post(long channelId, long authorId, Snowflake ids, Clock clock, int n) {
        return new LogEntry.PostMessage(channelId, ids.next(), authorId,
                "history message " + n + " — a line of ordinary chat text to give rows a realistic size", null, null,
                clock.instant());
    }

    /**
     * The Kafka log: the first message is appended and answered (so the log knows the conversation), the rest are
     * produced in windows without waiting for each outcome — the partition's owner sequences and writes them like any
     * appends — and the loader waits until the conversation's last seq in Cassandra shows them all. Waiting for every
     * append's outcome here would make the loader, when it does not own the partition, poll Cassandra for thousands
     * of outcomes at once.
     */
    private static void loadUnanswered(KafkaMessageLog kafka, Logs logs, long channelId, long authorId, Snowflake ids,
                                       Clock clock, int count) {
        kafka.append(post(channelId, authorId, ids, clock, 1)).join();
        long target = logs.messages().position(channelId).lastSeq() + count - 1;
        for (int done = 1; done < count; ) {
            int window = Math.min(WINDOW, count - done);
            List<LogEntry> entries = new ArrayList<>(window);
            for (int i = 0; i < window; i++) {
                entries.add(post(channelId, authorId, ids, clock, done + i + 1));
            }
            kafka.appendUnanswered(entries).join();
            done += window;
            System.err.printf("\rproduced %,d / %,d, written up to seq %,d of %,d", done, count,
                    logs.messages().position(channelId).lastSeq(), target);
        }
        long last;
        while ((last = logs.messages().position(channelId).lastSeq()) < target) {
            System.err.printf("\rproduced %,d / %,d, written up to seq %,d of %,d", count, count, last, target);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the log");
            }
        }
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
            // said before loading too, so that a load cut short (a time limit) can still be read back
            System.err.printf("conversation %d, reader token %s%n", channelId, user.token());
            long start = System.nanoTime();
            if (logs.log() instanceof KafkaMessageLog kafka) {
                loadUnanswered(kafka, logs, channelId, principal.userId(), ids, clock, count);
            } else {
                for (int done = 0; done < count; ) {
                    int window = Math.min(WINDOW, count - done);
                    List<CompletableFuture<Appended>> pending = new ArrayList<>(window);
                    for (int i = 0; i < window; i++) {
                        pending.add(logs.log().append(post(channelId, principal.userId(), ids, clock, done + i + 1)));
                    }
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                    done += window;
                    System.err.printf("\rloaded %,d / %,d", done, count);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("%nloaded %,d messages in %.1f s (%,.0f/s)%n", count, seconds, count / seconds);
            System.out.printf("{\"conversation_id\":\"%d\",\"user_id\":\"%d\",\"username\":\"%s\",\"token\":\"%s\",\"messages\":%d}%n",
                    channelId, principal.userId(), username, user.token(), count);
        }
    }
}
