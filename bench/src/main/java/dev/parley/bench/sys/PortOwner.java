package dev.parley.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the process listening on a local TCP port, through {@code ss -ltnp}. */
public final class PortOwner {

  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  private PortOwner() {
  }

  public static OptionalLong pidListeningOn(int port) {
    try {
      Process p = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.SECONDS);
      return parse(out);
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  static OptionalLong parse(String ssOutput) {
    Matcher m = PID.matcher(ssOutput);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }
}
