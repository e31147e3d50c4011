package dev.parley.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.LogEvent;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import dev.parley.core.notification.NotifyLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayCodecTest {
    private final RelayCodec codec = new RelayCodec();

    @Test
    void timesKeepTheirNanosecondsAndOnlyRecordComponentsAreWritten() {
        Instant at = Instant.parse("2026-03-01T12:00:00.123456789Z");
        Conversation channel = new Conversation(5, ConversationKind.CHANNEL, "room", null, Visibility.PRIVATE, 7L, 2, at);
        LogEvent.ConversationChanged changed = new LogEvent.ConversationChanged(5, 9, at, channel);

        String text = codec.encode(changed);

        assertThat(codec.decode(text)).isEqualTo(changed);
        assertThat(text).startsWith("{\"type\":\"ConversationChanged\",\"event\":{").doesNotContain("\"channel\"");
    }

    @Test
    void fieldsANewerNodeAddedAreIgnored() {
        String text = "{\"type\":\"Typing\",\"event\":{\"conversationId\":3,\"userId\":4,\"device\":\"phone\"}}";

        assertThat(codec.decode(text)).isEqualTo(new Ephemeral.Typing(3, 4));
    }

    @Test
    void textThatIsNoRelayEventIsRefused() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"Unheard\",\"event\":{}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"Typing\",\"event\":")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mentionsNotificationSettingsAndTheChannelsMentionSettingRoundTrip() {
        Instant at = Instant.parse("2026-03-01T12:00:00.5Z");
        Message m = new Message(1, 5, 3, 7, "@ann @here", at, at, false, 2L, "n", new Mentions(List.of(8L, 9L), true, false));
        Conversation channel = new Conversation(5, ConversationKind.CHANNEL, "room", "t", Visibility.PUBLIC, 7L, 3, at, true);

        for (var event : List.of(new LogEvent.MessagePosted(5, 3, at, m), new LogEvent.MessageEdited(5, 4, at, m),
                new LogEvent.ConversationChanged(5, 6, at, channel),
                new Ephemeral.NotificationSettingsChanged(7, 5, NotifyLevel.MENTIONS, at),
                new Ephemeral.ReadMarkerMoved(7, 5, 3, 11, "node:4"))) {
            assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
        }
    }
}
