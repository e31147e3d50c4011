package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Invite;
import dev.parley.core.account.InviteStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InviteStore} must do. Codes are fresh per test, so the store need not be empty. */
public abstract class InviteStoreContract {
    private InviteStore store;
    private final Instant now = UniqueIds.nowMillis();

    protected abstract InviteStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    private Invite invite(Integer maxUses, Instant expiresAt, Instant createdAt) {
        Invite invite = new Invite(UniqueIds.name("code"), maxUses, 0, expiresAt, false, 42L, createdAt);
        store.create(invite);
        return invite;
    }

    @Test
    void aCreatedInviteIsListedNewestFirst() {
        Invite older = invite(3, now.plusSeconds(60), now);
        Invite newer = invite(null, null, now.plusSeconds(1));
        Invite setup = new Invite(UniqueIds.name("code"), 1, 0, now.plusSeconds(60), true, null, now.plusSeconds(2));
        store.create(setup);

        List<Invite> listed = store.list().stream()
                .filter(i -> List.of(older.code(), newer.code(), setup.code()).contains(i.code())).toList();

        assertThat(listed).containsExactly(setup, newer, older);
    }

    @Test
    void anInviteIsUsedUpToItsLimit() {
        Invite twice = invite(2, null, now);

        assertThat(store.use(twice.code(), now)).contains(twice);
        assertThat(store.use(twice.code(), now).orElseThrow().uses()).isEqualTo(1);
        assertThat(store.use(twice.code(), now)).isEmpty();
        assertThat(store.list()).filteredOn(i -> i.code().equals(twice.code())).extracting(Invite::uses).containsExactly(2);
    }

    @Test
    void anInviteWithoutLimitIsUsedAgainAndAgain() {
        Invite open = invite(null, null, now);
        for (int i = 0; i < 5; i++) {
            assertThat(store.use(open.code(), now)).isPresent();
        }
    }

    @Test
    void anExpiredUnknownOrDeletedInviteIsNotUsed() {
        Invite expiring = invite(null, now.plusSeconds(10), now);
        Invite deleted = invite(null, null, now);

        assertThat(store.use(expiring.code(), now.plusSeconds(9))).isPresent();
        assertThat(store.use(expiring.code(), now.plusSeconds(10))).isEmpty();
        assertThat(store.use(UniqueIds.name("nothing"), now)).isEmpty();
        assertThat(store.delete(deleted.code())).isTrue();
        assertThat(store.delete(deleted.code())).isFalse();
        assertThat(store.use(deleted.code(), now)).isEmpty();
        assertThat(store.list()).noneMatch(i -> i.code().equals(deleted.code()));
    }

    @Test
    void aUseGivenBackCanBeUsedAgain() {
        Invite once = invite(1, null, now);

        assertThat(store.use(once.code(), now)).isPresent();
        store.giveBack(once.code());

        assertThat(store.use(once.code(), now)).isPresent();
        assertThat(store.use(once.code(), now)).isEmpty();
    }

    @Test
    void concurrentUsesNeverExceedTheLimit() throws Exception {
        Invite three = invite(3, null, now);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> uses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                uses.add(pool.submit(() -> store.use(three.code(), now).isPresent()));
            }
            int granted = 0;
            for (Future<Boolean> f : uses) {
                granted += f.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }
}
