package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;

/**
 * History paging: a loader fills one conversation with {@code messages} messages (unless a Parley
 * conversation is preloaded), then {@code reads} pages of {@code limit} are read at random depths.
 *
 * @param concurrency           readers in parallel, each reading page after page (closed loop)
 * @param loadWindow            loader sends in flight at once
 * @param preloadedConversation a Parley conversation id to read instead of loading one, or null
 * @param token                 a Parley token of a member of the preloaded conversation
 */
public record HistoryConfig(BenchOptions options, int messages, int reads, int warmupReads, int limit,
                            int concurrency, int loadWindow, int messageSize, String preloadedConversation,
                            String token) {

  public static HistoryConfig from(Args a) {
    return new HistoryConfig(BenchOptions.from(a), a.integer("messages", 10_000), a.integer("reads", 1000),
        a.integer("warmup-reads", 200), a.integer("limit", 100), a.integer("concurrency", 1),
        a.integer("load-window", 64), a.integer("size", 100), a.string("preloaded-conversation", null),
        a.string("token", null));
  }
}
