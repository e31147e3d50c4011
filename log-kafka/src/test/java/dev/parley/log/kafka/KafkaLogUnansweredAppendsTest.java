package dev.parley.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.LogEntry;
import dev.parley.core.message.Message;
import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.kafka.KafkaExtension;
import dev.parley.store.cassandra.CassandraMessageStore;
import dev.parley.testkit.UniqueIds;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KafkaMessageLog#appendUnanswered} (the history loader's path): entries produced without waiting for their
 * outcomes are sequenced and written by the partition's owner like answered appends, in the order they were given.
 */
class KafkaLogUnansweredAppendsTest {
    @RegisterExtension
    static final PostgresExtension PG = TierTwo.PG;
    @RegisterExtension
    static final CassandraExtension CASSANDRA = TierTwo.CASSANDRA;
    @RegisterExtension
    static final KafkaExtension KAFKA = TierTwo.KAFKA;
    @RegisterExtension
    static final TierTwo CLIENTS = TierTwo.CLIENTS;

    @Test
    void unansweredAppendsAreSequencedInOrderAfterTheAnsweredOne() throws Exception {
        CompletableFuture<Void> toldAll = new CompletableFuture<>();
        KafkaMessageLog log = TierTwo.log(TierTwo.newLog(2), events -> {
            if (events.stream().anyMatch(e -> e.seq() == 101)) {
                toldAll.complete(null);
            }
        });
        try {
            Conversation channel = TierTwo.newChannel(log);
            long author = channel.ownerId();
            log.append(post(channel, author, 0)).get(30, TimeUnit.SECONDS);

            log.appendUnanswered(IntStream.rangeClosed(1, 100).mapToObj(i -> post(channel, author, i)).toList())
                    .get(30, TimeUnit.SECONDS);

            toldAll.get(60, TimeUnit.SECONDS);
            List<Message> stored = new CassandraMessageStore(TierTwo.cassandra()).after(channel.id(), 0, 200);
            assertThat(stored).extracting(Message::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 101).boxed().toList());
            assertThat(stored).extracting(Message::content)
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, 100).mapToObj(i -> "m" + i).toList());
        } finally {
            log.close();
        }
    }

    private static LogEntry.PostMessage post(Conversation channel, long author, int i) {
        return new LogEntry.PostMessage(channel.id(), UniqueIds.next(), author, "m" + i, null, null, UniqueIds.nowMillis());
    }
}
