package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.ConversationView;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.HistoryPage;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.server.wire.LogFrames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract's {@code message} object, text for text, wherever a message is written: alone (the answers of send and
 * edit), in a gateway frame, as a conversation's {@code last_message} and in a history page. Every field is present in
 * the contract's order; the absent optional ones ({@code edited_at}, {@code reply_to}, {@code nonce}) are null.
 */
class WireTest {
    private static final Instant CREATED = Instant.parse("2026-11-30T10:15:30Z");
    private static final Instant EDITED = Instant.parse("2026-11-30T10:16:00.123456Z");

    /** Edited, a reply, with a nonce, mentioning two users, {@code @here} and {@code @channel}; text to escape. */
    private static final Message FULL = new Message(253183110433206272L, 253183110340931584L, 42, 7,
            "héllo \"@ann\" and @bob\n\tline two ✓", CREATED, EDITED, false, 253183110433206000L, "n-1",
            new Mentions(List.of(11L, 253183110340931585L), true, true));
    private static final String FULL_JSON = "{\"id\":\"253183110433206272\",\"conversation_id\":\"253183110340931584\","
            + "\"seq\":42,\"author_id\":\"7\",\"content\":\"héllo \\\"@ann\\\" and @bob\\n\\tline two ✓\","
            + "\"created_at\":\"2026-11-30T10:15:30.000Z\",\"edited_at\":\"2026-11-30T10:16:00.123Z\",\"deleted\":false,"
            + "\"reply_to\":\"253183110433206000\",\"nonce\":\"n-1\",\"mentions\":[\"11\",\"253183110340931585\"],"
            + "\"mentions_here\":true,\"mentions_channel\":true}";

    /** Nothing optional: never edited, not a reply, no nonce, no mentions. */
    private static final Message PLAIN = new Message(5, 3, 1, 7, "hi", CREATED, null, false, null, null);
    private static final String PLAIN_JSON = "{\"id\":\"5\",\"conversation_id\":\"3\",\"seq\":1,\"author_id\":\"7\","
            + "\"content\":\"hi\",\"created_at\":\"2026-11-30T10:15:30.000Z\",\"edited_at\":null,\"deleted\":false,"
            + "\"reply_to\":null,\"nonce\":null,\"mentions\":[],\"mentions_here\":false,\"mentions_channel\":false}";

    private static final Message DELETED = new Message(6, 3, 2, 7, "", CREATED, EDITED, true, 5L, null);
    private static final String DELETED_JSON = "{\"id\":\"6\",\"conversation_id\":\"3\",\"seq\":2,\"author_id\":\"7\","
            + "\"content\":\"\",\"created_at\":\"2026-11-30T10:15:30.000Z\",\"edited_at\":\"2026-11-30T10:16:00.123Z\","
            + "\"deleted\":true,\"reply_to\":\"5\",\"nonce\":null,\"mentions\":[],\"mentions_here\":false,"
            + "\"mentions_channel\":false}";

    private static final User AUTHOR = new User(7, "ann", "Ann", null, "away", CREATED);
    private static final String AUTHOR_JSON = "{\"id\":\"7\",\"username\":\"ann\",\"display_name\":\"Ann\","
            + "\"avatar_url\":null,\"status_text\":\"away\",\"created_at\":\"2026-11-30T10:15:30.000Z\",\"bot\":false}";

    @Test
    void aMessageWithEveryOptionalPartHasEveryFieldInTheContractsOrder() {
        assertThat(Json.write(Wire.message(FULL))).isEqualTo(FULL_JSON);
    }

    @Test
    void aMessageWithoutOptionalPartsHasThemAsNullAndNoMentions() {
        assertThat(Json.write(Wire.message(PLAIN))).isEqualTo(PLAIN_JSON);
    }

    @Test
    void aDeletedMessageKeepsItsIdAndSeqWithEmptyContent() {
        assertThat(Json.write(Wire.message(DELETED))).isEqualTo(DELETED_JSON);
    }

    @Test
    void theGatewaysMessageFramesCarryTheSameMessageObject() {
        assertThat(Json.write(LogFrames.frame(new LogEvent.MessagePosted(253183110340931584L, 42, CREATED, FULL))))
                .isEqualTo("{\"op\":\"MESSAGE_CREATE\",\"d\":{\"message\":" + FULL_JSON
                        + "},\"conversation_id\":\"253183110340931584\",\"seq\":42}");
        assertThat(Json.write(LogFrames.frame(new LogEvent.MessageEdited(3, 9, EDITED, PLAIN))))
                .isEqualTo("{\"op\":\"MESSAGE_UPDATE\",\"d\":{\"message\":" + PLAIN_JSON
                        + "},\"conversation_id\":\"3\",\"seq\":9}");
    }

    @Test
    void aConversationsLastMessageIsTheSameMessageObjectOrNull() {
        Conversation channel = new Conversation(3, ConversationKind.CHANNEL, "general", null, Visibility.PUBLIC, 7L, 2,
                CREATED);
        String head = "{\"id\":\"3\",\"kind\":\"channel\",\"name\":\"general\",\"topic\":null,\"visibility\":\"public\","
                + "\"owner_id\":\"7\",\"member_count\":2,\"members_may_mention_all\":false,\"last_seq\":2,"
                + "\"created_at\":\"2026-11-30T10:15:30.000Z\",\"last_message\":";
        String tail = ",\"last_read_seq\":1,\"unread_count\":1,\"mention_count\":0,\"notify\":\"all\",\"muted_until\":null,"
                + "\"last_activity_at\":\"2026-11-30T10:15:30.000Z\"}";

        assertThat(Json.write(Wire.conversation(new ConversationView(channel, null, 2, DELETED, 1, 1, CREATED))))
                .isEqualTo(head + DELETED_JSON + tail);
        assertThat(Json.write(Wire.conversation(new ConversationView(channel, null, 2, null, 1, 1, CREATED))))
                .isEqualTo(head + "null" + tail);
    }

    @Test
    void aHistoryPageHasItsMessagesOldestFirstAndEachAuthorOnce() {
        Map<Long, User> users = new LinkedHashMap<>();
        users.put(7L, AUTHOR);
        HistoryPage page = new HistoryPage(List.of(PLAIN, DELETED, FULL), users, true);

        assertThat(history(page, null)).isEqualTo("{\"messages\":[" + PLAIN_JSON + "," + DELETED_JSON + ","
                + FULL_JSON + "],\"users\":{\"7\":" + AUTHOR_JSON + "},\"has_more\":true}");
    }

    @Test
    void aPageAroundASeqSaysWhetherThereIsMoreOnEachSide() {
        HistoryPage page = new HistoryPage(List.of(PLAIN), Map.of(7L, AUTHOR), true, List.of(), false, true);

        assertThat(history(page, null)).isEqualTo("{\"messages\":[" + PLAIN_JSON + "],\"users\":{\"7\":"
                + AUTHOR_JSON + "},\"has_more\":true,\"has_more_before\":false,\"has_more_after\":true}");
    }

    @Test
    void aPageWithEventsHasTheirGatewayFramesLast() {
        LogEvent removed = new LogEvent.ConversationRemoved(3, 10, CREATED);
        HistoryPage page = new HistoryPage(List.of(PLAIN), Map.of(7L, AUTHOR), false);

        assertThat(history(page, List.of(LogFrames.frame(removed)))).isEqualTo("{\"messages\":[" + PLAIN_JSON
                + "],\"users\":{\"7\":" + AUTHOR_JSON + "},\"has_more\":false,\"events\":["
                + Json.write(LogFrames.frame(removed)) + "]}");
        assertThat(history(page, List.of())).endsWith(",\"has_more\":false,\"events\":[]}");
    }

    private static String history(HistoryPage page, List<? extends JsonNode> events) {
        return Json.buffer(0, g -> Wire.history(g, page, events)).toString(StandardCharsets.UTF_8);
    }
}
