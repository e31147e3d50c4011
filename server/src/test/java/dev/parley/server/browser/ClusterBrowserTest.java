package dev.parley.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.server.browser.Browsers.message;
import static dev.parley.server.browser.Browsers.send;

import com.microsoft.playwright.Page;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.Cluster;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser client against a cluster: two people on two different nodes chat live. */
class ClusterBrowserTest {
    @RegisterExtension
    @Order(1)
    static final Cluster CLUSTER = new Cluster(3);
    @RegisterExtension
    @Order(2)
    static final Browsers BROWSERS = new Browsers(() -> CLUSTER.baseUrl(0));

    @Test
    void twoPeopleOnTwoNodesChatLiveInTheirBrowsers() {
        Api api = CLUSTER.api(1);
        Account alice = api.register("ca");
        Account bob = api.register("cb");
        String channel = api.channel(alice, "across nodes", "private");
        api.addMember(alice, channel, bob);

        Page alicesPage = BROWSERS.loggedInAt(CLUSTER.baseUrl(0), alice.token(), 1280, 800);
        Page bobsPage = BROWSERS.loggedInAt(CLUSTER.baseUrl(2), bob.token(), 1280, 800);
        alicesPage.navigate(CLUSTER.baseUrl(0) + "/#/c/" + channel);
        bobsPage.navigate(CLUSTER.baseUrl(2) + "/#/c/" + channel);

        send(alicesPage, "hello from node 0");
        assertThat(message(bobsPage, "hello from node 0")).isVisible();
        send(bobsPage, "and back from node 2");
        assertThat(message(alicesPage, "and back from node 2")).isVisible();
        assertThat(message(alicesPage, "hello from node 0")).hasCount(1);
    }
}
