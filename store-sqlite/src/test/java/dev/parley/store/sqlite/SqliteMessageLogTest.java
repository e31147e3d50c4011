package dev.parley.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.testkit.MessageLogContract;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log contract on SQLite with production settings: most concurrent appends share one group commit. */
class SqliteMessageLogTest extends MessageLogContract {
    private static final long CONVERSATION = 42;
    private static final long AUTHOR = 7;

    @TempDir
    Path dir;

    /** How many entries one commit may hold. */
    protected int maxBatch() {
        return SqliteSettings.defaults().maxBatch();
    }

    @Override
    protected Stores newStores() {
        SqliteDatabase db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new Stores(new SqliteMessageLog(db, maxBatch()), new SqliteMessageStore(db), db);
    }

    private static LogEntry.PostMessage post(long messageId) {
        return new LogEntry.PostMessage(CONVERSATION, messageId, AUTHOR, "text " + messageId, null, null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void seqsContinueWhereTheyStoppedAfterTheDatabaseIsReopened() {
        Path file = dir.resolve("restarted.db");
        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults());
             SqliteMessageLog log = new SqliteMessageLog(db, maxBatch())) {
            for (long id = 1; id <= 3; id++) {
                Futures.await(log.append(post(id)));
            }
        }

        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults());
             SqliteMessageLog log = new SqliteMessageLog(db, maxBatch())) {
            LogEvent next = Futures.await(log.append(post(4))).event();

            assertThat(next.seq()).isEqualTo(4);
            assertThat(new SqliteMessageStore(db).eventsAfter(CONVERSATION, 0, 10)).extracting(LogEvent::seq)
                    .containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aBatchThatFailsToCommitIsUnavailableAndLeavesNoGap() {
        Path file = dir.resolve("failing.db");
        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults());
             SqliteMessageLog log = new SqliteMessageLog(db, maxBatch())) {
            Futures.await(log.append(post(1)));

            Throwable failed = catchThrowable(() -> Futures.await(log.append(post(1))));

            assertThat(failed).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(Futures.await(log.append(post(2))).event().seq()).isEqualTo(2);
            assertThat(new SqliteMessageStore(db).position(CONVERSATION).lastSeq()).isEqualTo(2);
        }
    }
}
