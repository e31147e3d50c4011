package dev.parley.bench.driver.xmpp;

/** One answered MAM query: how many archived messages came, the id of the last, and whether it reached the end. */
record MamPage(int count, String last, boolean complete) {
}
