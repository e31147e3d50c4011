package dev.parley.core.cluster;

import java.time.Instant;

/** A live chat node as the directory knows it: its leased id, the address clients reach it at, and its load. */
public record NodeInfo(int nodeId, String url, int connections, Instant seenAt) {
}
