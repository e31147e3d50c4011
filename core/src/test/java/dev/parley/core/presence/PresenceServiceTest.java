package dev.parley.core.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.NewUser;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.EventPublisher;
import dev.parley.core.fakes.InMemoryAccountStore;
import dev.parley.core.fakes.MutableClock;
import dev.parley.core.fakes.RecordingRelay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryAccountStore accounts = new InMemoryAccountStore();
    private final RecordingRelay relay = new RecordingRelay();
    private final PresenceService presence = new PresenceService(new LocalPresenceStore(), accounts,
            new EventPublisher(relay), userId -> List.of(77L), clock, GRACE, LEASE);
    private final long ann = 1;
    private final Lease phone = new Lease(ann, "node-a-1");
    private final Lease laptop = new Lease(ann, "node-b-7");

    @BeforeEach
    void user() {
        accounts.createUser(new NewUser(ann, "ann", "Ann", null, "x", clock.instant()));
    }

    private List<String> announced() {
        return relay.events().stream().map(e -> ((Ephemeral.PresenceChanged) e).status()).toList();
    }

    private PresenceView seen() {
        return presence.query(List.of(ann)).get(0);
    }

    @Test
    void theFirstConnectionBringsAUserOnlineOnceToTheirAudience() {
        presence.connected(phone);
        presence.connected(laptop);

        assertThat(announced()).containsExactly("online");
        assertThat(((Ephemeral.PresenceChanged) relay.events().get(0)).audience()).containsExactly(77L);
        assertThat(seen()).isEqualTo(new PresenceView(ann, Status.ONLINE, null));
    }

    @Test
    void aUserStaysOnlineThroughTheGraceAndGoesOfflineWhenItEnds() {
        presence.connected(phone);
        clock.advance(Duration.ofSeconds(1));
        Instant left = clock.instant();
        presence.disconnected(phone);

        clock.advance(GRACE.minusMillis(1));
        presence.sweep();
        assertThat(announced()).containsExactly("online");

        clock.advanceMillis(1);
        presence.sweep();
        assertThat(announced()).containsExactly("online", "offline");
        assertThat(seen()).isEqualTo(new PresenceView(ann, Status.OFFLINE, left));
    }

    @Test
    void aReconnectWithinTheGraceDoesNotFlicker() {
        presence.connected(phone);
        presence.disconnected(phone);
        clock.advance(Duration.ofSeconds(2));
        presence.connected(laptop);
        clock.advance(GRACE.multipliedBy(2));
        presence.sweep();

        assertThat(announced()).containsExactly("online");
    }

    @Test
    void aConnectionWhoseNodeStoppedRenewingEndsWhenItsLeaseRunsOut() {
        presence.connected(phone);
        presence.connected(laptop);
        clock.advance(LEASE.dividedBy(2));
        presence.renew(List.of(laptop));

        clock.advance(LEASE.dividedBy(2));
        presence.sweep();
        assertThat(announced()).containsExactly("online");

        clock.advance(LEASE.plus(GRACE));
        presence.sweep();
        assertThat(announced()).containsExactly("online", "offline");
    }

    @Test
    void theChosenStatusIsStoredAndShownWhileOnline() {
        presence.connected(phone);
        presence.choose(ann, StatusChoice.DND);

        assertThat(accounts.statuses(List.of(ann)).get(ann).choice()).isEqualTo(StatusChoice.DND);
        assertThat(announced()).containsExactly("online", "dnd");
        assertThat(seen().status()).isEqualTo(Status.DND);
    }

    @Test
    void invisibleUsersActivityChangesNothingOthersSee() {
        presence.connected(phone);
        clock.advance(Duration.ofSeconds(3));
        Instant hidden = clock.instant();
        presence.choose(ann, StatusChoice.INVISIBLE);
        assertThat(announced()).containsExactly("online", "offline");
        PresenceView whileHidden = seen();
        assertThat(whileHidden).isEqualTo(new PresenceView(ann, Status.OFFLINE, hidden));

        clock.advance(Duration.ofSeconds(10));
        presence.connected(laptop);
        presence.disconnected(phone);
        clock.advance(Duration.ofMinutes(1));
        presence.disconnected(laptop);
        clock.advance(Duration.ofMinutes(1));
        presence.sweep();

        assertThat(announced()).containsExactly("online", "offline");
        assertThat(seen()).isEqualTo(whileHidden);
    }
}
