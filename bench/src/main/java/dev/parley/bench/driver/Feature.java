package dev.parley.bench.driver;

/** What a driver can do beyond connecting and sending to a room. */
public enum Feature {
  /** Sends are acknowledged by the server, so send-to-ack latency exists. */
  SEND_ACK,
  /** One-to-one conversations. */
  DM,
  /** Paging back through a conversation's stored messages. */
  HISTORY,
  /** Reconnecting and receiving what was missed while away. */
  CATCHUP
}
