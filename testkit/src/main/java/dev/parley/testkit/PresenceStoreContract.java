package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.presence.Lease;
import dev.parley.core.presence.PresenceRecord;
import dev.parley.core.presence.PresenceStore;
import dev.parley.core.presence.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PresenceStore} must do. Subclass once per adapter and return a store from {@link #newStore()};
 * a store shared by processes also overrides {@link #newPeer()} with another node's store on the same backend.
 * Users are fresh per test, so the backend need not be empty. Times are passed in: no test waits.
 */
public abstract class PresenceStoreContract {
    private PresenceStore store;
    private PresenceStore peer;
    private final Instant t0 = UniqueIds.nowMillis();

    protected abstract PresenceStore newStore();

    /** Another node's view of the same presence; in a single process, the same store. */
    protected PresenceStore newPeer() {
        return store;
    }

    @BeforeEach
    void open() {
        store = newStore();
        peer = newPeer();
    }

    private PresenceRecord read(PresenceStore from, long userId, Instant now) {
        return from.read(List.of(userId), now).get(userId);
    }

    @Test
    void aUserNoOneHasSeenHasNoLiveConnection() {
        long ann = UniqueIds.next();

        assertThat(read(store, ann, t0)).isEqualTo(PresenceRecord.NEVER);
    }

    @Test
    void leasesKeepConnectionsLiveUntilTheyRunOutAndEveryNodeSeesThem() {
        long ann = UniqueIds.next();
        store.renew(List.of(new Lease(ann, "a-1"), new Lease(ann, "b-2")), t0.plusSeconds(30));
        store.renew(List.of(new Lease(ann, "b-2")), t0.plusSeconds(60));

        assertThat(read(peer, ann, t0.plusSeconds(10))).isEqualTo(new PresenceRecord(2, t0.plusSeconds(60), null));
        assertThat(read(peer, ann, t0.plusSeconds(45)))
                .as("a lease past its expiry ended at its expiry")
                .isEqualTo(new PresenceRecord(1, t0.plusSeconds(60), t0.plusSeconds(30)));
        assertThat(read(store, ann, t0.plusSeconds(61))).isEqualTo(new PresenceRecord(0, null, t0.plusSeconds(60)));
    }

    @Test
    void endingALeaseRecordsWhenTheLastConnectionEnded() {
        long ann = UniqueIds.next();
        Lease phone = new Lease(ann, "a-1");
        Lease laptop = new Lease(ann, "a-2");
        store.renew(List.of(phone, laptop), t0.plusSeconds(30));

        peer.end(phone, t0.plusSeconds(5));
        assertThat(read(store, ann, t0.plusSeconds(6))).isEqualTo(new PresenceRecord(1, t0.plusSeconds(30), t0.plusSeconds(5)));
        store.end(laptop, t0.plusSeconds(8));
        store.end(laptop, t0.plusSeconds(9));

        assertThat(read(peer, ann, t0.plusSeconds(10))).isEqualTo(new PresenceRecord(0, null, t0.plusSeconds(8)));
    }

    @Test
    void usersAreReadInOneCall() {
        long ann = UniqueIds.next();
        long ben = UniqueIds.next();
        long cat = UniqueIds.next();
        store.renew(List.of(new Lease(ann, "a-1"), new Lease(ben, "b-1")), t0.plusSeconds(30));

        var records = peer.read(List.of(ann, ben, cat), t0);

        assertThat(records).containsOnlyKeys(ann, ben, cat);
        assertThat(records.get(ann).liveConnections()).isEqualTo(1);
        assertThat(records.get(ben).liveConnections()).isEqualTo(1);
        assertThat(records.get(cat)).isEqualTo(PresenceRecord.NEVER);
    }

    @Test
    void announcingReturnsWhatWasAnnouncedBefore() {
        long ann = UniqueIds.next();

        assertThat(store.announce(ann, Status.ONLINE)).isEqualTo(Status.OFFLINE);
        assertThat(peer.announce(ann, Status.ONLINE)).isEqualTo(Status.ONLINE);
        assertThat(peer.announce(ann, Status.DND)).isEqualTo(Status.ONLINE);
        assertThat(store.announce(ann, Status.OFFLINE)).isEqualTo(Status.DND);
    }

    @Test
    void aScheduledUserIsDueOnceItsTimeComesAndTheLatestScheduleWins() {
        long ann = UniqueIds.next();
        long ben = UniqueIds.next();
        store.schedule(ann, t0.plusSeconds(5));
        store.schedule(ben, t0.plusSeconds(5));
        peer.schedule(ben, t0.plusSeconds(30));

        assertThat(peer.takeDue(t0.plusSeconds(4), 100)).doesNotContain(ann, ben);
        assertThat(peer.takeDue(t0.plusSeconds(6), 100)).contains(ann).doesNotContain(ben);
        assertThat(store.takeDue(t0.plusSeconds(6), 100)).doesNotContain(ann);
        assertThat(store.takeDue(t0.plusSeconds(31), 100)).contains(ben);
    }

    @Test
    void eachDueUserGoesToOneTakerOnly() throws Exception {
        List<Long> users = new ArrayList<>();
        Instant due = t0.minusSeconds(3600);
        for (int i = 0; i < 200; i++) {
            long id = UniqueIds.next();
            users.add(id);
            store.schedule(id, due.plusMillis(i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Long> taken = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> takers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                PresenceStore from = t % 2 == 0 ? store : peer;
                takers.add(pool.submit(() -> {
                    start.await();
                    List<Long> got;
                    do {
                        got = from.takeDue(t0, 7);
                        taken.addAll(got);
                    } while (!got.isEmpty());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : takers) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(taken.stream().filter(users::contains)).containsExactlyInAnyOrderElementsOf(users);
    }
}
