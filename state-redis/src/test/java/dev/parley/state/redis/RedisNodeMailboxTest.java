package dev.parley.state.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages between two nodes' mailboxes on one Redis. */
class RedisNodeMailboxTest {
    @RegisterExtension
    @Order(1)
    static final RedisExtension REDIS = RedisExtension.shared();
    @RegisterExtension
    @Order(2)
    static final TestNodes NODES = new TestNodes(REDIS);

    private final String prefix = TestNodes.freshPrefix();

    @Test
    void aMessageReachesTheNodeThatOpenedItsBoxInTheOrderSent() throws Exception {
        try (RedisNodeMailbox here = new RedisNodeMailbox(NODES.here(), prefix);
             RedisNodeMailbox there = new RedisNodeMailbox(NODES.there(), prefix)) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            there.open("node-b", m -> received.add(new String(m, StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);

            for (int i = 0; i < 20; i++) {
                here.send("node-b", ("m" + i).getBytes(StandardCharsets.UTF_8));
            }

            for (int i = 0; i < 20; i++) {
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
            }
        }
    }

    @Test
    void aMessageReachesOnlyItsOwnBox() throws Exception {
        try (RedisNodeMailbox here = new RedisNodeMailbox(NODES.here(), prefix);
             RedisNodeMailbox there = new RedisNodeMailbox(NODES.there(), prefix)) {
            List<byte[]> toA = new CopyOnWriteArrayList<>();
            LinkedBlockingQueue<byte[]> toB = new LinkedBlockingQueue<>();
            here.open("node-a", toA::add).get(5, TimeUnit.SECONDS);
            there.open("node-b", toB::add).get(5, TimeUnit.SECONDS);

            here.send("node-b", new byte[] {1, 2, 3});
            here.send("node-b", new byte[] {0, (byte) 0xff});

            assertThat(toB.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
            assertThat(toB.poll(5, TimeUnit.SECONDS)).containsExactly(0, 0xff);
            assertThat(toA).isEmpty();
        }
    }
}
