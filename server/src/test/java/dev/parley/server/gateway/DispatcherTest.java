package dev.parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Principal;
import dev.parley.core.event.EventRelay;
import dev.parley.core.event.LocalEventRelay;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogPosition;
import dev.parley.core.event.Topic;
import dev.parley.core.message.MessageStore;
import dev.parley.server.support.FaultyRelay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which thread queues a log event's frames: the relay's own (no hand-off) only for small conversations on a lossless relay. */
class DispatcherTest {
    private static final long CONVERSATION = 7;
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    /** The name of the thread that wrote each frame to a socket. */
    private final LinkedBlockingQueue<String> writers = new LinkedBlockingQueue<>();

    private final MessageStore log = (MessageStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MessageStore.class}, (proxy, method, args) -> switch (method.getName()) {
                case "position" -> new LogPosition(0, null);
                case "eventsAfter" -> List.of();
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private ConversationStreams streams;
    private Dispatcher dispatcher;

    @AfterEach
    void close() {
        dispatcher.close();
        streams.close();
    }

    @Test
    void aLogEventOfAConversationWithFewLocalConnectionsIsQueuedByTheRelaysThreadItself() throws Exception {
        start(new LocalEventRelay(), Dispatcher.INLINE_MAX_CONNECTIONS);

        dispatcher.onEvent(Topic.conversation(CONVERSATION), new LogEvent.MessageDeleted(CONVERSATION, 1, AT, 99));

        for (int i = 0; i < Dispatcher.INLINE_MAX_CONNECTIONS; i++) {
            assertThat(writers.poll()).isEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void aLogEventOfABiggerConversationGoesThroughADispatchLane() throws Exception {
        start(new LocalEventRelay(), Dispatcher.INLINE_MAX_CONNECTIONS + 1);

        dispatcher.onEvent(Topic.conversation(CONVERSATION), new LogEvent.MessageDeleted(CONVERSATION, 1, AT, 99));

        for (int i = 0; i <= Dispatcher.INLINE_MAX_CONNECTIONS; i++) {
            assertThat(writers.poll(5, TimeUnit.SECONDS)).startsWith("parley-dispatch-");
        }
    }

    @Test
    void overARelayThatMayLoseEventsEveryLogEventGoesThroughADispatchLane() throws Exception {
        start(new FaultyRelay(new LocalEventRelay(), 1, 0, 0, 0), 1);

        dispatcher.onEvent(Topic.conversation(CONVERSATION), new LogEvent.MessageDeleted(CONVERSATION, 1, AT, 99));

        assertThat(writers.poll(5, TimeUnit.SECONDS)).startsWith("parley-dispatch-");
    }

    /** A dispatcher over {@code relay} (inline when it is lossless), and live connections in the conversation. */
    private void start(EventRelay relay, int connections) throws Exception {
        ConnectionRegistry registry = new ConnectionRegistry(relay);
        streams = new ConversationStreams(relay, log, registry, 60_000, 60_000);
        dispatcher = new Dispatcher(registry, streams, 1, relay.lossless(), () -> { });
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry(), Clock.systemUTC(), () -> 0);
        for (int i = 0; i < connections; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    writers.add(Thread.currentThread().getName());
                    ctx.write(msg, promise);
                }
            });
            Connection c = new Connection(new GatewaySocket(channel), null, 0, 100, metrics);
            c.beginCatchUp(new Principal(100 + i, 1));
            c.goLive(List.of(), Map.of());
            streams.join(c, CONVERSATION, 0L).get(5, TimeUnit.SECONDS);
        }
    }
}
