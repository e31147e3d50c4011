package dev.parley.bench.driver.nats;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A nats-server child process on 127.0.0.1 and a free port. */
public final class NatsServer implements AutoCloseable {

  private static final String BINARY = "nats-server";

  private final Process process;
  private final int port;

  private NatsServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Whether a {@code nats-server} binary is on the PATH. */
  public static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, BINARY))) {
        return true;
      }
    }
    return false;
  }

  /** Starts it and waits until it accepts connections. */
  public static NatsServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(BINARY, "-a", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    NatsServer server = new NatsServer(p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return server;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new IOException("nats-server did not start on port " + port);
        }
        Thread.sleep(50);
      }
    }
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
