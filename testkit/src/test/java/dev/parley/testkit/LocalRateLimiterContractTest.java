package dev.parley.testkit;

import dev.parley.core.ratelimit.LocalRateLimiter;
import dev.parley.core.ratelimit.RateLimiter;
import java.time.Clock;

class LocalRateLimiterContractTest extends RateLimiterContract {
    @Override
    protected RateLimiter newRateLimiter(Clock clock) {
        return new LocalRateLimiter(clock);
    }
}
