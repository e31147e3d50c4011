package dev.parley.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Invite;
import dev.parley.core.account.NewUser;
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.UniqueIds;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes, each with its own pool, on a database of this class's own, using the same invite, taking the same
 * ticket and linking the same identity at the same moment. To make the two calls meet for certain, a third
 * connection first holds the row both need; once both nodes wait for it (seen in {@code pg_stat_activity}), it
 * lets go, and both go on together.
 */
class PostgresAccountsAcrossNodesTest {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;
    private static final long WAIT_SECONDS = 30;
    private static String url;

    private final Instant now = UniqueIds.nowMillis();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private PostgresDatabase a;
    private PostgresDatabase b;

    @BeforeAll
    static void database() {
        url = PG.newDatabase();
    }

    @BeforeEach
    void openNodes() {
        a = new PostgresDatabase(new PostgresSettings(url, 2, 10));
        b = new PostgresDatabase(new PostgresSettings(url, 2, 10));
    }

    @AfterEach
    void closeNodes() {
        pool.shutdownNow();
        a.close();
        b.close();
    }

    @Test
    void theLastUseOfAnInviteRacedByTwoNodesGoesToOne() throws Exception {
        Invite twice = new Invite(UniqueIds.name("code"), 2, 0, null, false, null, now);
        new PostgresInviteStore(a).create(twice);
        assertThat(new PostgresInviteStore(a).use(twice.code(), now)).isPresent();

        List<Optional<Invite>> uses = meetingAt("SELECT 1 FROM invites WHERE code = ? FOR UPDATE", twice.code(),
                () -> new PostgresInviteStore(a).use(twice.code(), now), () -> new PostgresInviteStore(b).use(twice.code(), now));

        assertThat(uses).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(uses).filteredOn(Optional::isPresent).first().extracting(u -> u.orElseThrow().uses()).isEqualTo(1);
        assertThat(new PostgresInviteStore(b).list()).filteredOn(i -> i.code().equals(twice.code()))
                .extracting(Invite::uses).containsExactly(2);
    }

    @Test
    void aTicketRacedByTwoNodesIsTakenOnce() throws Exception {
        String key = UniqueIds.name("k");
        new PostgresTicketStore(a).put("reset", key, "once", now.plusSeconds(60));

        List<Optional<String>> takes = meetingAt("SELECT 1 FROM tickets WHERE kind = 'reset' AND secret_hash = ? FOR UPDATE",
                key, () -> new PostgresTicketStore(a).take("reset", key, now),
                () -> new PostgresTicketStore(b).take("reset", key, now));

        assertThat(takes).containsExactlyInAnyOrder(Optional.of("once"), Optional.empty());
    }

    @Test
    void anIdentityLinkedOnTwoNodesAtOnceIsLinkedToOneAccount() throws Exception {
        for (int round = 0; round < 10; round++) {
            String subject = UniqueIds.name("sub");
            NewUser onA = new NewUser(UniqueIds.next(), UniqueIds.name("sso"), "On a", null, "", now);
            NewUser onB = new NewUser(UniqueIds.next(), UniqueIds.name("sso"), "On b", null, "", now);
            CountDownLatch start = new CountDownLatch(1);
            Future<Optional<Long>> linkedOnA = pool.submit(() -> {
                start.await();
                return new PostgresAccountStore(a).createLinkedUser(onA, "https://idp", subject);
            });
            Future<Optional<Long>> linkedOnB = pool.submit(() -> {
                start.await();
                return new PostgresAccountStore(b).createLinkedUser(onB, "https://idp", subject);
            });
            start.countDown();

            long linked = await(linkedOnA).orElseThrow();
            assertThat(await(linkedOnB)).as("round %d", round).contains(linked);
            assertThat(linked).isIn(onA.id(), onB.id());
            long other = linked == onA.id() ? onB.id() : onA.id();
            assertThat(new PostgresAccountStore(b).findUser(other)).as("round %d", round).isEmpty();
            assertThat(new PostgresAccountStore(a).findIdentity("https://idp", subject)).contains(linked);
        }
    }

    /**
     * Runs {@code onA} and {@code onB} at once while a third connection holds the row {@code lockSql} locks; lets
     * go once both wait for it. Returns both answers, a's first.
     */
    private <T> List<T> meetingAt(String lockSql, String key, Callable<T> onA, Callable<T> onB) throws Exception {
        try (Connection holder = DriverManager.getConnection(url); Connection watcher = DriverManager.getConnection(url)) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(lockSql)) {
                lock.setString(1, key);
                assertThat(lock.executeQuery().next()).as("the row to hold").isTrue();
            }
            List<Future<T>> calls = new ArrayList<>(List.of(pool.submit(onA), pool.submit(onB)));
            awaitWaiters(watcher, 2);
            holder.commit();
            List<T> answers = new ArrayList<>();
            calls.forEach(call -> answers.add(await(call)));
            return answers;
        }
    }

    /** Polls, outside any transaction (which would keep showing one snapshot of the activity), until enough wait. */
    private static void awaitWaiters(Connection c, int waiters) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            try (PreparedStatement waiting = c.prepareStatement("""
                    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""");
                 ResultSet rs = waiting.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= waiters) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the nodes did not both wait for the held row");
            }
            Thread.sleep(10);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("did not complete in " + WAIT_SECONDS + " s", e);
        }
    }
}
