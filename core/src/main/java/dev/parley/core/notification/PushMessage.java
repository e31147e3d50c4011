package dev.parley.core.notification;

/** What a push tells the browser, as its decrypted JSON payload: {@code {conversation_id, message_id, seq, title, body}}. */
public record PushMessage(long conversationId, long messageId, long seq, String title, String body) {
}
