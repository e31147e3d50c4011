package dev.parley.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.cluster.NodeMailbox;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogListener;
import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.kafka.KafkaExtension;
import dev.parley.testkit.UniqueIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that does not own a conversation's partition learns its appends' outcomes from the owner's mail, and still
 * learns them, from Cassandra, when the mail is lost. Two logs in one consumer group stand for two nodes; the log's
 * single partition stays with the first (the assignor is sticky).
 */
class KafkaLogOutcomesByMailTest {
    @RegisterExtension
    static final PostgresExtension PG = TierTwo.PG;
    @RegisterExtension
    static final CassandraExtension CASSANDRA = TierTwo.CASSANDRA;
    @RegisterExtension
    static final KafkaExtension KAFKA = TierTwo.KAFKA;
    @RegisterExtension
    static final TierTwo CLIENTS = TierTwo.CLIENTS;

    /** The mailboxes of the logs in this process: a message reaches the box it was sent to on the post's own thread. */
    private final ExecutorService carrier = Executors.newSingleThreadExecutor();
    private final Map<String, Consumer<byte[]>> boxes = new ConcurrentHashMap<>();

    /** One log's mailbox; counts the outcomes delivered to its box, and may lose them all instead. */
    private final class Mailbox implements NodeMailbox {
        final AtomicInteger outcomesReceived = new AtomicInteger();
        volatile boolean losing;

        @Override
        public void send(String box, byte[] message) {
            carrier.execute(() -> {
                Consumer<byte[]> handler = boxes.get(box);
                if (handler != null) {
                    handler.accept(message);
                }
            });
        }

        @Override
        public CompletableFuture<Void> open(String box, Consumer<byte[]> handler) {
            boxes.put(box, message -> {
                if (!losing) {
                    outcomesReceived.addAndGet(Records.decodeOutcomes(message).size());
                    handler.accept(message);
                }
            });
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    @AfterEach
    void stopCarrier() {
        carrier.shutdownNow();
    }

    @Test
    void appendsOfANodeThatDoesNotOwnThePartitionAreAnsweredByTheOwnersMail() throws Exception {
        Mailbox ownersBox = new Mailbox();
        Mailbox othersBox = new Mailbox();

        List<Long> seqs = appendFromTheNodeThatDoesNotOwn(ownersBox, othersBox, 20);

        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(2, 21).boxed().toList());
        assertThat(othersBox.outcomesReceived).hasValue(20);
        assertThat(ownersBox.outcomesReceived).hasValue(0);
    }

    @Test
    void appendsWhoseOutcomeMailIsLostAreStillAnswered() throws Exception {
        Mailbox ownersBox = new Mailbox();
        Mailbox othersBox = new Mailbox();
        othersBox.losing = true;

        List<Long> seqs = appendFromTheNodeThatDoesNotOwn(ownersBox, othersBox, 5);

        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(2, 6).boxed().toList());
        assertThat(othersBox.outcomesReceived).hasValue(0);
    }

    /**
     * Starts the owner, which answers the channel's first post itself (it is the only member of the group, so it owns
     * the partition), then the other node, which appends {@code count} posts one after the other; their seqs.
     */
    private List<Long> appendFromTheNodeThatDoesNotOwn(Mailbox ownersBox, Mailbox othersBox, int count) throws Exception {
        KafkaLogSettings settings = TierTwo.newLog(1);
        KafkaMessageLog owner = TierTwo.log(settings, ownersBox, LogListener.NONE);
        try {
            Conversation channel = TierTwo.newChannel(owner);
            long author = channel.ownerId();
            assertThat(owner.append(post(channel, author)).get(60, TimeUnit.SECONDS).event().seq()).isEqualTo(1);

            KafkaMessageLog other = TierTwo.log(settings, othersBox, LogListener.NONE);
            try {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    seqs.add(other.append(post(channel, author)).get(30, TimeUnit.SECONDS).event().seq());
                }
                return seqs;
            } finally {
                other.close();
            }
        } finally {
            owner.close();
        }
    }

    private static LogEntry.PostMessage post(Conversation channel, long author) {
        return new LogEntry.PostMessage(channel.id(), UniqueIds.next(), author, "hello", null, null, UniqueIds.nowMillis());
    }
}
