package dev.parley.bench.driver;

import java.util.List;

/**
 * A room (channel, MUC room, subject) or a DM.
 *
 * @param id      the server's address for it: Parley conversation id, MUC room JID, nats subject,
 *                or for an XMPP DM the two bare JIDs
 * @param members its members, the owner first
 */
public record Conversation(String id, boolean dm, List<BenchUser> members) {

  /** For a DM, the member that is not {@code me}. */
  public BenchUser peerOf(BenchUser me) {
    return members.stream().filter(u -> !u.id().equals(me.id())).findFirst().orElseThrow();
  }
}
