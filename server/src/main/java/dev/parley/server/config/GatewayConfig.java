package dev.parley.server.config;

import dev.parley.core.ratelimit.BucketSpec;

/**
 * Gateway timing, buffering and frame limits; see docs/configuration.md. A client message (its fragments together)
 * may carry {@link #maxIdentifyBytes} bytes until the socket is identified; after that, messages up to
 * {@link #maxFrameBytes} are read, larger ones up to {@link #hardLimitBytes} are answered payload_too_large, and
 * anything beyond closes the socket with 1009.
 */
public record GatewayConfig(int heartbeatIntervalMs, int heartbeatTimeoutMs, int identifyTimeoutMs,
                            int presenceGraceMs, int presenceLeaseMs, int maxFrameBytes, int maxIdentifyBytes,
                            int outboundQueueFrames, int catchupLimit, int shutdownGraceMs, BucketSpec framesPerConnection,
                            int repairGapMs, int repairTailMs, int dispatchLanes) {
    private static final int HARD_LIMIT_FLOOR = 1 << 20;

    /** The most bytes one client message may carry at all: 1 MiB, or twice the frame limit if that is more. */
    public int hardLimitBytes() {
        return Math.max(HARD_LIMIT_FLOOR, maxFrameBytes * 2);
    }

    static GatewayConfig from(Settings s) {
        int interval = s.integer("gateway.heartbeat.interval.ms", 15_000);
        return new GatewayConfig(
                interval,
                s.integer("gateway.heartbeat.timeout.ms", interval * 2),
                s.integer("gateway.identify.timeout.ms", 10_000),
                s.integer("presence.grace.ms", 5_000),
                s.integer("presence.lease.ms", 30_000),
                s.integer("gateway.max.frame.bytes", 65_536),
                s.integer("gateway.max.identify.bytes", 16_384),
                s.integer("gateway.outbound.queue.frames", 1_000),
                s.integer("gateway.catchup.limit", 100),
                s.integer("shutdown.grace.ms", 10_000),
                new BucketSpec(s.integer("gateway.frames.burst", 200), s.decimal("gateway.frames.per.second", 50)),
                s.integer("gateway.repair.gap.ms", 200),
                s.integer("gateway.repair.tail.ms", 1_000),
                s.integer("gateway.dispatch.lanes", Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))));
    }
}
