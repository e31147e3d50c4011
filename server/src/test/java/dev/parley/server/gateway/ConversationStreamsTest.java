package dev.parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LocalEventRelay;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogPosition;
import dev.parley.core.message.MessageStore;
import dev.parley.server.support.FaultyRelay;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a stream reads the log's end: after every delivery only when the relay may lose a last event. */
class ConversationStreamsTest {
    private static final long CONVERSATION = 7;
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    /** The log's reads, in order: "position" or "eventsAfter". */
    private final LinkedBlockingQueue<String> reads = new LinkedBlockingQueue<>();

    private final MessageStore log = (MessageStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                reads.add(method.getName());
                return switch (method.getName()) {
                    case "position" -> new LogPosition(0, AT);   // nothing beyond what the stream has: no fill
                    case "eventsAfter" -> List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            });

    @Test
    void theInProcessRelayLosesNothingSoNoDeliveryHasTheLogsEndRead() throws Exception {
        assertThat(new LocalEventRelay().lossless()).isTrue();
        try (ConversationStreams streams = streamsOver(new LocalEventRelay())) {
            ConversationStream stream = openAndDeliverOne(streams);

            assertThat(stream.tailCheckPending).isFalse();
            assertThat(reads.poll(5, TimeUnit.SECONDS)).isEqualTo("position");   // once, when the stream opened
            assertThat(reads.poll(500, TimeUnit.MILLISECONDS)).isNull();   // a tail read would come 10 ms after
        }
    }

    @Test
    void aRelayThatMayLoseEventsHasTheLogsEndReadAfterADelivery() throws Exception {
        try (EventRelay mayLose = new FaultyRelay(new LocalEventRelay(), 1, 0, 0, 0);
             ConversationStreams streams = streamsOver(mayLose)) {
            assertThat(mayLose.lossless()).isFalse();
            ConversationStream stream = openAndDeliverOne(streams);

            assertThat(stream.tailCheckPending).isTrue();
            assertThat(reads.poll(5, TimeUnit.SECONDS)).isEqualTo("position");   // when the stream opened
            assertThat(reads.poll(5, TimeUnit.SECONDS)).isEqualTo("position");   // the log's end after the delivery
        }
    }

    private ConversationStreams streamsOver(EventRelay relay) {
        return new ConversationStreams(relay, log, new ConnectionRegistry(relay), 60_000, 10);
    }

    /** Opens the conversation's stream at a member's joining (seq 1) and delivers that event. */
    private static ConversationStream openAndDeliverOne(ConversationStreams streams) {
        User member = new User(11, "ada", "Ada", null, null, AT);
        LogEvent.MemberAdded added = new LogEvent.MemberAdded(CONVERSATION, 1, AT, member,
                new Conversation(CONVERSATION, ConversationKind.CHANNEL, "general", null, Visibility.PUBLIC, 11L, 1, AT));
        ConversationStream stream = streams.openFor(added);
        stream.offer(added);
        assertThat(stream.delivered()).isEqualTo(1);
        return stream;
    }
}
