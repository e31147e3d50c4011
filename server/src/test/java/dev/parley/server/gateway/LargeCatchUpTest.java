package dev.parley.server.gateway;

import dev.parley.server.support.Gw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.support.Api;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A catch-up may be larger than the outbound queue's limit (the limit is for live frames a client fails
 * to read; the replay is bounded by the catch-up limit per conversation): it completes, nothing is cut.
 */
class LargeCatchUpTest {
    private static final int QUEUE_LIMIT = 64;

    @RegisterExtension
    static final TestNode NODE = new TestNode()
            .with("gateway.outbound.queue.frames", Integer.toString(QUEUE_LIMIT))
            .with("rate.limit.send.burst", "100000").with("rate.limit.send.per.second", "100000");

    @Test
    void aReplayLongerThanTheOutboundQueueLimitIsDeliveredWhole() {
        Api api = NODE.api();
        Api.Account reader = api.register("reader");
        Api.Account writer = api.register("writer");
        List<String> channels = new ArrayList<>();
        Map<String, Long> cursors = new LinkedHashMap<>();
        for (int c = 0; c < 5; c++) {
            String channel = api.channel(writer, "busy" + c, "private");
            api.addMember(writer, channel, reader);
            channels.add(channel);
            cursors.put(channel, Gw.lastSeq(api, reader, channel));
        }
        int perChannel = 30;
        for (String channel : channels) {
            for (int i = 0; i < perChannel; i++) {
                Gw.post(api, writer, channel, "missed " + i);
            }
        }

        try (Ws device = Ws.open(NODE.baseUrl())) {
            List<JsonNode> handshake = Gw.identify(device, reader.token(), Gw.cursors(cursors));

            List<JsonNode> replayed = handshake.stream().filter(Gw.op("MESSAGE_CREATE")).toList();
            assertThat(replayed).hasSize(channels.size() * perChannel).hasSizeGreaterThan(QUEUE_LIMIT);
            assertThat(device.isClosed()).isFalse();
            String live = Gw.post(api, writer, channels.get(0), "live after the replay").path("id").asText();
            device.next(Gw.messageCreate(live), "the live message after a long replay");
        }
    }
}
