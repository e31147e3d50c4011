package dev.parley.store.postgres;

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
import dev.parley.engines.PostgresExtension;
import dev.parley.testkit.Backend;
import dev.parley.testkit.MessageLogContract;
import dev.parley.testkit.UniqueIds;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The log contract on PostgreSQL with production settings: most concurrent appends share one group commit. */
class PostgresMessageLogTest extends MessageLogContract {
    @RegisterExtension
    static final PostgresExtension PG = TestDatabase.PG;

    /** How many entries one commit may hold. */
    protected int maxBatch() {
        return PostgresSettings.DEFAULT_MAX_BATCH;
    }

    @Override
    protected Backend newBackend(LogListener listener) {
        return TestDatabase.backend(TestDatabase.open(maxBatch()), maxBatch(), listener);
    }

    /** A user and a channel they own, fresh in {@code db}. */
    private static Conversation channel(PostgresDatabase db, User owner) {
        Conversation channel = new Conversation(UniqueIds.next(), ConversationKind.CHANNEL, "room", "", Visibility.PRIVATE,
                owner.id(), 1, UniqueIds.nowMillis());
        new PostgresConversationStore(db).createChannel(channel);
        return channel;
    }

    private static User user(PostgresDatabase db) {
        PostgresAccountStore accounts = new PostgresAccountStore(db);
        long id = UniqueIds.next();
        accounts.createUser(new NewUser(id, UniqueIds.name("u"), "User", null, "hash", UniqueIds.nowMillis()));
        return accounts.findUser(id).orElseThrow();
    }

    private static LogEntry.PostMessage post(Conversation c, long messageId) {
        return new LogEntry.PostMessage(c.id(), messageId, c.ownerId(), "text " + messageId, null, null, UniqueIds.nowMillis());
    }

    @Test
    void seqsContinueFromTheHeadWhenTheLogIsOpenedAgain() {
        Conversation c;
        try (PostgresDatabase db = TestDatabase.open(maxBatch());
             PostgresMessageLog log = new PostgresMessageLog(db, maxBatch(), LogListener.NONE)) {
            c = channel(db, user(db));
            for (int i = 0; i < 3; i++) {
                Futures.await(log.append(post(c, UniqueIds.next())));
            }
        }

        try (PostgresDatabase db = TestDatabase.open(maxBatch());
             PostgresMessageLog log = new PostgresMessageLog(db, maxBatch(), LogListener.NONE)) {
            assertThat(Futures.await(log.append(post(c, UniqueIds.next()))).event().seq()).isEqualTo(4);
            assertThat(new PostgresMessageStore(db).eventsAfter(c.id(), 0, 10)).extracting(LogEvent::seq)
                    .containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aBatchThatFailsToCommitIsUnavailableAndLeavesNoGap() {
        try (PostgresDatabase db = TestDatabase.open(maxBatch());
             PostgresMessageLog log = new PostgresMessageLog(db, maxBatch(), LogListener.NONE)) {
            Conversation c = channel(db, user(db));
            long messageId = UniqueIds.next();
            Futures.await(log.append(post(c, messageId)));

            Throwable failed = catchThrowable(() -> Futures.await(log.append(post(c, messageId))));

            assertThat(failed).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(Futures.await(log.append(post(c, UniqueIds.next()))).event().seq()).isEqualTo(2);
            assertThat(new PostgresMessageStore(db).position(c.id()).lastSeq()).isEqualTo(2);
        }
    }

    @Test
    void aWriterThatFailsWhileAddingAMemberLeavesNeitherTheMembershipNorItsEvent() throws SQLException {
        String url = PG.newDatabase();
        try (PostgresDatabase db = new PostgresDatabase(new PostgresSettings(url, 2, maxBatch()));
             PostgresMessageLog log = new PostgresMessageLog(db, maxBatch(), LogListener.NONE)) {
            User owner = user(db);
            User joiner = user(db);
            Conversation c = channel(db, owner);
            execute(url, """
                    CREATE FUNCTION the_disk_failed() RETURNS trigger LANGUAGE plpgsql AS
                    $$ BEGIN RAISE EXCEPTION 'the disk failed'; END $$""");
            execute(url, """
                    CREATE TRIGGER fail_member_events BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.kind = 4)
                    EXECUTE FUNCTION the_disk_failed()""");

            Throwable failed = catchThrowable(() -> Futures.await(
                    log.append(new LogEntry.AddMember(c.id(), joiner, owner.id(), UniqueIds.nowMillis()))));

            assertThat(failed).isInstanceOfSatisfying(ParleyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            PostgresConversationStore conversations = new PostgresConversationStore(db);
            assertThat(conversations.membership(c.id(), joiner.id())).isEmpty();
            assertThat(conversations.find(c.id()).orElseThrow().memberCount()).isEqualTo(1);
            assertThat(new PostgresMessageStore(db).eventsAfter(c.id(), 0, 10)).isEmpty();
            assertThat(new PostgresMessageStore(db).position(c.id()).lastSeq()).isZero();

            execute(url, "DROP TRIGGER fail_member_events ON events");
            assertThat(Futures.await(log.append(new LogEntry.AddMember(c.id(), joiner, owner.id(), UniqueIds.nowMillis())))
                    .event().seq()).isEqualTo(1);
            assertThat(conversations.membership(c.id(), joiner.id())).isPresent();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
