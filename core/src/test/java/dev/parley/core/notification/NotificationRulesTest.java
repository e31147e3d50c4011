package dev.parley.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final long AUTHOR = 1;
    private static final long READER = 2;

    private static Conversation channel(int members) {
        return new Conversation(9, ConversationKind.CHANNEL, "room", "", Visibility.PUBLIC, AUTHOR, members, NOW);
    }

    private static Message message(Mentions mentions) {
        return new Message(5, 9, 3, AUTHOR, "hi", NOW, null, false, null, null, mentions);
    }

    private static boolean notifies(Conversation c, NotifyLevel chosen, Instant muted, Mentions m, boolean online) {
        return NotificationRules.notifies(c, chosen, muted, message(m), READER, online, NOW);
    }

    @Test
    void channelsOverTwentyFiveMembersDefaultToMentionsAndEverythingElseToAll() {
        assertThat(NotificationRules.defaultLevel(channel(25))).isEqualTo(NotifyLevel.ALL);
        assertThat(NotificationRules.defaultLevel(channel(26))).isEqualTo(NotifyLevel.MENTIONS);
        Conversation dm = new Conversation(9, ConversationKind.DM, null, null, null, null, 2, NOW);
        assertThat(NotificationRules.defaultLevel(dm)).isEqualTo(NotifyLevel.ALL);
        assertThat(NotificationRules.effective(channel(26), NotifyLevel.NONE)).isEqualTo(NotifyLevel.NONE);
    }

    @Test
    void mentionsLevelTakesNamesAndChannelAndHereOnlyForThoseOnline() {
        Conversation c = channel(100);
        assertThat(notifies(c, null, null, Mentions.NONE, true)).isFalse();
        assertThat(notifies(c, null, null, new Mentions(List.of(READER), false, false), false)).isTrue();
        assertThat(notifies(c, null, null, new Mentions(List.of(), false, true), false)).isTrue();
        assertThat(notifies(c, null, null, new Mentions(List.of(), true, false), false)).isFalse();
        assertThat(notifies(c, null, null, new Mentions(List.of(), true, false), true)).isTrue();
    }

    @Test
    void noneAndMutingSilenceEvenMentionsAndAuthorsAreNeverNotified() {
        Conversation c = channel(3);
        Mentions named = new Mentions(List.of(READER), false, false);
        assertThat(notifies(c, null, null, Mentions.NONE, false)).isTrue();
        assertThat(notifies(c, NotifyLevel.NONE, null, named, true)).isFalse();
        assertThat(notifies(c, NotifyLevel.ALL, NOW.plusSeconds(1), named, true)).isFalse();
        assertThat(notifies(c, NotifyLevel.ALL, NOW, named, true)).as("a mute that ended").isTrue();
        assertThat(NotificationRules.notifies(c, NotifyLevel.ALL, null, message(named), AUTHOR, true, NOW)).isFalse();
    }
}
