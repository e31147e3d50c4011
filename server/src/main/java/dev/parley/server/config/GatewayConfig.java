package dev.parley.server.config;

import dev.parley.core.ratelimit.BucketSpec;

/** Gateway timing and buffering; see docs/configuration.md. */
public record GatewayConfig(int heartbeatIntervalMs, int heartbeatTimeoutMs, int identifyTimeoutMs,
                            int presenceGraceMs, int presenceLeaseMs, int maxFrameBytes, int outboundQueueFrames,
                            int catchupLimit, int shutdownGraceMs, BucketSpec framesPerConnection,
                            int repairGapMs, int repairTailMs, int dispatchLanes) {

    static GatewayConfig from(Settings s) {
        int interval = s.integer("gateway.heartbeat.interval.ms", 15_000);
        return new GatewayConfig(
                interval,
                s.integer("gateway.heartbeat.timeout.ms", interval * 2),
                s.integer("gateway.identify.timeout.ms", 10_000),
                s.integer("presence.grace.ms", 5_000),
                s.integer("presence.lease.ms", 30_000),
                s.integer("gateway.max.frame.bytes", 65_536),
                s.integer("gateway.outbound.queue.frames", 1_000),
                s.integer("gateway.catchup.limit", 100),
                s.integer("shutdown.grace.ms", 10_000),
                new BucketSpec(s.integer("gateway.frames.burst", 200), s.decimal("gateway.frames.per.second", 50)),
                s.integer("gateway.repair.gap.ms", 200),
                s.integer("gateway.repair.tail.ms", 1_000),
                s.integer("gateway.dispatch.lanes", Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))));
    }
}
