package dev.parley.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.event.Ephemeral;
import dev.parley.core.event.LogEvent;
import java.time.Instant;
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
}
