package dev.parley.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Runs many statements at once, at most {@code maxInFlight} of them in flight (the driver refuses requests beyond what
 * its connections can carry), and completes when all have succeeded, or with the first failure once none is left in
 * flight. Statements are idempotent, so a failed set is simply run again.
 */
final class Requests {
    private Requests() {
    }

    static CompletableFuture<Void> all(CqlSession session, List<? extends Statement<?>> statements, int maxInFlight) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (statements.isEmpty()) {
            done.complete(null);
            return done;
        }
        new Run(session, statements, done).start(Math.min(maxInFlight, statements.size()));
        return done;
    }

    private static final class Run {
        private final CqlSession session;
        private final Queue<Statement<?>> waiting;
        private final CompletableFuture<Void> done;
        private int inFlight;
        private Throwable failure;

        Run(CqlSession session, List<? extends Statement<?>> statements, CompletableFuture<Void> done) {
            this.session = session;
            this.waiting = new ArrayDeque<>(statements);
            this.done = done;
        }

        void start(int parallel) {
            for (int i = 0; i < parallel; i++) {
                next();
            }
        }

        private void next() {
            Statement<?> statement;
            synchronized (this) {
                statement = failure == null ? waiting.poll() : null;
                if (statement == null) {
                    if (inFlight == 0 && !done.isDone()) {
                        finish();
                    }
                    return;
                }
                inFlight++;
            }
            session.executeAsync(statement).whenComplete((AsyncResultSet rs, Throwable t) -> {
                synchronized (this) {
                    inFlight--;
                    if (t != null && failure == null) {
                        failure = t;
                    }
                }
                next();
            });
        }

        private void finish() {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(null);
            }
        }
    }
}
