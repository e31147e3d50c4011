package dev.parley.bench.driver.xmpp;

/**
 * One answered MAM query: how many archived messages came, the id of the last, whether it reached the end, and when
 * (on the connection's event loop) the query was written and its closing IQ parsed.
 */
record MamPage(int count, String last, boolean complete, long sentNanos, long receivedNanos) {
}
