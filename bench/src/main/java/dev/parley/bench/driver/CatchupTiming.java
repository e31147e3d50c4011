package dev.parley.bench.driver;

/**
 * One timed reconnection.
 *
 * @param nanos  from the moment the client asked to resume (Parley: IDENTIFY sent) until it had
 *               everything it missed (Parley: CATCHUP_DONE)
 * @param events missed events received in that time
 */
public record CatchupTiming(long nanos, int events) {
}
