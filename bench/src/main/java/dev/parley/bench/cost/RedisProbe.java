package dev.parley.bench.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redis's own counters from {@code INFO}: commands processed, the microseconds Redis itself spent in them
 * ({@code commandstats}, summed), publications (PUBLISH and SPUBLISH calls), script calls, and network bytes in
 * and out.
 */
final class RedisProbe implements EngineProbe {

  private final String host;
  private final int port;
  private final Long pid;

  RedisProbe(String host, int port, Long pid) {
    this.host = host;
    this.port = port;
    this.pid = pid;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Long pid() {
    return pid;
  }

  @Override
  public Map<String, Double> counters() {
    return parse(info());
  }

  @Override
  public Map<String, Double> storage() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("used_memory_bytes", field(info(), "used_memory"));
    return out;
  }

  static Map<String, Double> parse(String info) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("commands", field(info, "total_commands_processed"));
    double usec = 0;
    double publish = 0;
    double scripts = 0;
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      String name = line.substring("cmdstat_".length(), line.indexOf(':'));
      double calls = stat(line, "calls");
      usec += stat(line, "usec");
      if (name.equals("publish") || name.equals("spublish")) {
        publish += calls;
      } else if (name.startsWith("eval") || name.startsWith("fcall")) {
        scripts += calls;
      }
    }
    out.put("command_usec", usec);
    out.put("publishes", publish);
    out.put("script_calls", scripts);
    out.put("net_in_bytes", field(info, "total_net_input_bytes"));
    out.put("net_out_bytes", field(info, "total_net_output_bytes"));
    return out;
  }

  private static double field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }

  /** {@code calls=12,usec=345,...} of a commandstats line. */
  private static double stat(String line, String key) {
    for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
      if (part.startsWith(key + "=")) {
        return Double.parseDouble(part.substring(key.length() + 1));
      }
    }
    return 0;
  }

  /** {@code INFO everything} over RESP: one bulk string. */
  private String info() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("*2\r\n$4\r\nINFO\r\n$10\r\neverything\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String header = readLine(in);
      if (!header.startsWith("$")) {
        throw new IOException("unexpected answer to INFO: " + header);
      }
      byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Redis on " + host + ":" + port, e);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
