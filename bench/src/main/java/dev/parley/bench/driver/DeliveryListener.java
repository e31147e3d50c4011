package dev.parley.bench.driver;

/** Receives the chat messages delivered to one session. Called on I/O threads: keep it short. */
@FunctionalInterface
public interface DeliveryListener {

  DeliveryListener IGNORE = (content, position) -> { };

  /**
   * @param content  the message text
   * @param position where the message sits in its conversation's history (Parley seq, XMPP
   *                 stanza-id), or null when the server gives none
   */
  void onMessage(String content, String position);

  /**
   * Another log event of a conversation (Parley: a frame with a seq, such as {@code CONVERSATION_UPDATE},
   * {@code MEMBER_ADD} or {@code MEMBER_REMOVE}); ignored unless overridden.
   */
  default void onEvent(String op, String conversationId) {
  }
}
