package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One send bucket per user for the whole cluster: spreading sends over nodes does not multiply the limit. */
class ClusterRateLimitTest {
    @RegisterExtension
    static final Cluster CLUSTER = new Cluster(3)
            .with("PARLEY_RATE_LIMIT_SEND_BURST", "10").with("PARLEY_RATE_LIMIT_SEND_PER_SECOND", "0.01");

    @Test
    void theEleventhImmediateSendOfAUserSpreadOverTheNodesIsRateLimited() {
        Api first = CLUSTER.api(0);
        Account user = first.register("limited");
        String channel = first.channel(user, "limits", "private");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(CLUSTER.api(i % 3).send(user, channel, "send " + i).status());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(201);
        assertThat(statuses.get(10)).isEqualTo(429);
        Api.Reply refused = CLUSTER.api(2).send(user, channel, "still too soon");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.errorCode()).isEqualTo("rate_limited");
    }
}
