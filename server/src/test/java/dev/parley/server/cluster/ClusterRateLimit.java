package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One send bucket per user for the whole cluster: spreading sends over nodes does not multiply the limit. */
abstract class ClusterRateLimit {
    /** The cluster the tests run on: one per subclass, its own tier. */
    protected abstract Cluster cluster();

    @Test
    void theEleventhImmediateSendOfAUserSpreadOverTheNodesIsRateLimited() {
        Api first = cluster().api(0);
        Account user = first.register("limited");
        String channel = first.channel(user, "limits", "private");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(cluster().api(i % 3).send(user, channel, "send " + i).status());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(201);
        assertThat(statuses.get(10)).isEqualTo(429);
        Api.Reply refused = cluster().api(2).send(user, channel, "still too soon");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.errorCode()).isEqualTo("rate_limited");
    }
}
