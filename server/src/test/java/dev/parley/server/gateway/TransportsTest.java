package dev.parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Gw;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node serves REST and the gateway alike over each network transport, Java's NIO (the fallback) included. */
class TransportsTest {
    @RegisterExtension
    static final TestNode NIO = new TestNode().with("http.transport", "nio");
    @RegisterExtension
    static final TestNode EPOLL = new TestNode().with("http.transport", "epoll");
    @RegisterExtension
    static final TestNode AUTO = new TestNode();

    @Test
    void theNioFallbackServesEverything() {
        assertThat(NIO.node().transport()).isEqualTo("nio");
        chat(NIO);
    }

    @Test
    void epollServesEverythingWhereLinuxHasIt() {
        assertThat(EPOLL.node().transport()).isIn("epoll", "nio");
        chat(EPOLL);
    }

    @Test
    void autoTakesANativeTransportWhenOneLoads() {
        assertThat(AUTO.node().transport()).isIn("io_uring", "epoll", "nio");
        chat(AUTO);
    }

    private static void chat(TestNode node) {
        Api api = node.api();
        Api.Account alice = api.register("alice");
        Api.Account bob = api.register("bob");
        String channel = api.channel(alice, "transports", "private");
        api.addMember(alice, channel, bob);
        try (Ws a = Ws.connect(node.baseUrl(), alice.token()); Ws b = Ws.connect(node.baseUrl(), bob.token())) {
            String nonce = Gw.nonce();
            a.send("SEND", Gw.sendFrame(channel, "over " + node.node().transport(), nonce));
            JsonNode ack = Gw.ack(a, nonce, new ArrayList<>());
            JsonNode atBob = b.next(Gw.messageCreate(ack.path("d").path("message").path("id").asText()), "the message");
            assertThat(atBob.path("d").path("message").path("content").asText()).isEqualTo("over " + node.node().transport());
        }
    }
}
