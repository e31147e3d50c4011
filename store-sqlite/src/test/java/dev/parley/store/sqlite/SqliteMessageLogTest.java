package dev.parley.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.core.account.NewUser;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import dev.parley.core.event.Futures;
import dev.parley.core.event.LogEntry;
import dev.parley.core.event.LogEvent;
import dev.parley.core.event.LogListener;
import dev.parley.testkit.Backend;
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
    protected Backend newBackend(LogListener listener) {
        SqliteDatabase db = new SqliteDatabase(dir.resolve("parley.db"), SqliteSettings.defaults());
        return new Backend(new SqliteAccountStore(db), new SqliteConversationStore(db), new SqliteMessageStore(db),
                new SqliteMessageLog(db, maxBatch(), listener), db);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The author and the channel the tests below post to, in a fresh database. */
    private static void seed(SqliteDatabase db) {
        new SqliteAccountStore(db).createUser(new NewUser(AUTHOR, "author", "Author", null, "hash", now()));
        new SqliteConversationStore(db).createChannel(new Conversation(CONVERSATION, ConversationKind.CHANNEL, "room", "",
                Visibility.PRIVATE, AUTHOR, 1, now()));
    }

    private static LogEntry.PostMessage post(long messageId) {
        return new LogEntry.PostMessage(CONVERSATION, messageId, AUTHOR, "text " + messageId, null, null, now());
    }

    @Test
    void seqsContinueWhereTheyStoppedAfterTheDatabaseIsReopened() {
        Path file = dir.resolve("restarted.db");
        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults());
             SqliteMessageLog log = new SqliteMessageLog(db, maxBatch(), LogListener.NONE)) {
            seed(db);
            for (long id = 1; id <= 3; id++) {
                Futures.await(log.append(post(id)));
            }
        }

        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults());
             SqliteMessageLog log = new SqliteMessageLog(db, maxBatch(), LogListener.NONE)) {
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
             SqliteMessageLog log = new SqliteMessageLog(db, maxBatch(), LogListener.NONE)) {
            seed(db);
            Futures.await(log.append(post(1)));

            Throwable failed = catchThrowable(() -> Futures.await(log.append(post(1))));

            assertThat(failed).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(Futures.await(log.append(post(2))).event().seq()).isEqualTo(2);
            assertThat(new SqliteMessageStore(db).position(CONVERSATION).lastSeq()).isEqualTo(2);
        }
    }

    @Test
    void aWriterThatFailsWhileAddingAMemberLeavesNeitherTheMembershipNorItsEvent() {
        Path file = dir.resolve("failing-member.db");
        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults());
             SqliteMessageLog log = new SqliteMessageLog(db, maxBatch(), LogListener.NONE)) {
            seed(db);
            SqliteAccountStore accounts = new SqliteAccountStore(db);
            accounts.createUser(new NewUser(8, "joiner", "Joiner", null, "hash", now()));
            User joiner = accounts.findUser(8).orElseThrow();
            db.write(c -> c.createStatement().execute("""
                    CREATE TEMP TRIGGER fail_member_events BEFORE INSERT ON events WHEN NEW.kind = 4
                    BEGIN SELECT RAISE(ABORT, 'the disk failed'); END"""));

            Throwable failed = catchThrowable(() -> Futures.await(
                    log.append(new LogEntry.AddMember(CONVERSATION, joiner, AUTHOR, now()))));

            assertThat(failed).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            SqliteConversationStore conversations = new SqliteConversationStore(db);
            assertThat(conversations.membership(CONVERSATION, 8)).isEmpty();
            assertThat(conversations.find(CONVERSATION).orElseThrow().memberCount()).isEqualTo(1);
            assertThat(new SqliteMessageStore(db).eventsAfter(CONVERSATION, 0, 10)).isEmpty();
            assertThat(new SqliteMessageStore(db).position(CONVERSATION).lastSeq()).isZero();

            db.write(c -> c.createStatement().execute("DROP TRIGGER fail_member_events"));
            assertThat(Futures.await(log.append(new LogEntry.AddMember(CONVERSATION, joiner, AUTHOR, now()))).event().seq())
                    .isEqualTo(1);
            assertThat(conversations.membership(CONVERSATION, 8)).isPresent();
        }
    }
}
