package dev.parley.bench.metrics;

/**
 * The content of a benchmark message: {@code "bench <intendedNanos> <senderTag> xxx…"}. The
 * intended send time travels inside the message so any receiver in this process can compute
 * send-to-receive latency ({@link System#nanoTime()} is comparable within one process).
 */
public record Payload(long intendedNanos, int senderTag) {

  private static final String PREFIX = "bench ";

  /** Encodes this payload padded with {@code x} to at least {@code size} characters. */
  public String encode(int size) {
    StringBuilder sb = new StringBuilder(Math.max(size, 40));
    sb.append(PREFIX).append(intendedNanos).append(' ').append(senderTag).append(' ');
    while (sb.length() < size) {
      sb.append('x');
    }
    return sb.toString();
  }

  /** Parses a message content; null when it is not a benchmark payload. */
  public static Payload decode(String content) {
    if (content == null || !content.startsWith(PREFIX)) {
      return null;
    }
    int a = PREFIX.length();
    int b = content.indexOf(' ', a);
    if (b < 0) {
      return null;
    }
    int c = content.indexOf(' ', b + 1);
    try {
      long intended = Long.parseLong(content, a, b, 10);
      int tag = Integer.parseInt(content, b + 1, c < 0 ? content.length() : c, 10);
      return new Payload(intended, tag);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
