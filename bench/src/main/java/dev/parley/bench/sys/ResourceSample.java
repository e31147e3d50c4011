package dev.parley.bench.sys;

/** One reading of the server's resources; a null field could not be read. */
public record ResourceSample(double atSeconds, Double cpuPercent, Long rssBytes, Long heapBytes) {
}
