package dev.parley.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.cluster.NodeMailbox;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.event.Appended;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Message;
import dev.parley.engines.CassandraExtension;
import dev.parley.engines.PostgresExtension;
import dev.parley.engines.kafka.KafkaExtension;
import dev.parley.store.cassandra.CassandraDatabase;
import dev.parley.store.cassandra.CassandraLogRows;
import dev.parley.store.cassandra.CassandraMessageStore;
import dev.parley.store.cassandra.CassandraSettings;
import dev.parley.store.postgres.PostgresConversationRows;
import dev.parley.store.postgres.PostgresConversationStore;
import dev.parley.testkit.UniqueIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cassandra stops answering (SIGSTOP) while appends are under way: the owner's writes time out, are retried until
 * Cassandra is back, and every append is answered once, with one dense seq per message and each nonce stored once.
 */
class KafkaLogCassandraTimeoutTest {
    @RegisterExtension
    static final PostgresExtension PG = TierTwo.PG;
    @RegisterExtension
    static final CassandraExtension CASSANDRA = TierTwo.CASSANDRA;
    @RegisterExtension
    static final KafkaExtension KAFKA = TierTwo.KAFKA;
    @RegisterExtension
    static final TierTwo CLIENTS = TierTwo.CLIENTS;

    @Test
    void writesThatTimeOutAreRetriedAndEveryAppendIsStoredOnce() throws Exception {
        CassandraDatabase shared = TierTwo.cassandra();
        try (CassandraDatabase impatient = new CassandraDatabase(new CassandraSettings(CASSANDRA.contactPoint(),
                TierTwo.keyspace(), CASSANDRA.datacenter(), CassandraSettings.DEFAULT_REPLICATION, "LOCAL_QUORUM",
                Duration.ofMillis(300)))) {
            Map<Long, Integer> told = new ConcurrentHashMap<>();
            KafkaLogSettings settings = TierTwo.newLog(2);
            KafkaClients.ensureTopic(settings);
            PostgresConversationStore conversations = new PostgresConversationStore(TierTwo.postgres());
            KafkaMessageLog log = new KafkaMessageLog(settings, TierTwo.producer(), new CassandraLogRows(impatient),
                    new CassandraMessageStore(impatient), new PostgresConversationRows(TierTwo.postgres()), conversations,
                    NodeMailbox.NONE, events -> events.forEach(e -> told.merge(e.seq(), 1, Integer::sum)));
            Conversation channel = TierTwo.newChannel(log);
            long author = channel.ownerId();
            try {
                List<CompletableFuture<Appended>> appends = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    appends.add(log.append(new LogEntry.PostMessage(channel.id(), UniqueIds.next(), author, "m" + i, "nonce-" + i,
                            null, UniqueIds.nowMillis())));
                    if (i == 10) {
                        appends.get(0).get(30, TimeUnit.SECONDS);
                        signal("STOP");
                    }
                    if (i == 40) {
                        Thread.sleep(2_000);
                        signal("CONT");
                    }
                    Thread.sleep(20);
                }
                List<Long> seqs = new ArrayList<>();
                for (CompletableFuture<Appended> a : appends) {
                    seqs.add(a.get(60, TimeUnit.SECONDS).event().seq());
                }
                assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
                List<Message> stored = new CassandraMessageStore(shared).after(channel.id(), 0, 100);
                assertThat(stored).extracting(Message::nonce).doesNotHaveDuplicates().hasSize(60);
                assertThat(new CassandraMessageStore(shared).eventsAfter(channel.id(), 0, 100)).extracting(LogEvent::seq)
                        .containsExactlyElementsOf(seqs);
                assertThat(told).as("each event told once").hasSize(60).allSatisfy((seq, times) -> assertThat(times).isEqualTo(1));
            } finally {
                signal("CONT");
                log.close();
            }
        }
    }

    private static void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(CASSANDRA.engine().pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
