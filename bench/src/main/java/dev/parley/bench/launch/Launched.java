package dev.parley.bench.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A {@link Deployment} started for a run and stopped after it, so that the deployments of one comparison run one
 * after the other on an otherwise idle machine, each from empty engines. {@code sqlite} is the node's jar run
 * directly; the cluster tiers are {@code ./parley cluster} ({@code dev.parley.engines.ClusterMain}), whose
 * {@code engines.env} names the engines for the cost figures. Everything lives in a temporary folder, deleted
 * at {@link #close()}; the processes' output goes to files there.
 *
 * <p>Nodes get the settings a benchmark needs ({@link #LOAD_SETTINGS}: per-user limits lifted, cheap password
 * hashes) unless the environment sets them; every other {@code PARLEY_*} variable of the environment passes on.
 */
public final class Launched implements AutoCloseable {

  /** The limits a benchmark lifts (bench/README.md, "The servers"). */
  public static final Map<String, String> LOAD_SETTINGS = Map.ofEntries(
      Map.entry("PARLEY_BCRYPT_COST", "4"),
      Map.entry("PARLEY_RATE_LIMIT_SEND_BURST", "1000000"),
      Map.entry("PARLEY_RATE_LIMIT_SEND_PER_SECOND", "1000000"),
      Map.entry("PARLEY_GATEWAY_FRAMES_BURST", "1000000"),
      Map.entry("PARLEY_GATEWAY_FRAMES_PER_SECOND", "1000000"),
      Map.entry("PARLEY_RATE_LIMIT_LOGIN_ADDRESS_BURST", "1000000"),
      Map.entry("PARLEY_RATE_LIMIT_LOGIN_ADDRESS_PER_SECOND", "100000"),
      Map.entry("PARLEY_RATE_LIMIT_REGISTER_ADDRESS_BURST", "1000000"),
      Map.entry("PARLEY_PASSWORD_HASH_QUEUE", "1000000"));

  private static final String LISTENING = "Parley listening on ";
  private static final String READY = "Parley cluster ready";
  private static final long START_TIMEOUT_SECONDS = 300;
  private static final long STOP_TIMEOUT_SECONDS = 120;

  private final Deployment deployment;
  private final Path dir;
  private final Process process;
  private final List<String> urls;
  private final Thread stopOnExit;

  private Launched(Deployment deployment, Path dir, Process process, List<String> urls) {
    this.deployment = deployment;
    this.dir = dir;
    this.process = process;
    this.urls = List.copyOf(urls);
    this.stopOnExit = new Thread(this::stop, "stop-" + deployment.id());
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Starts {@code deployment} from the built jars under {@code root} (the repository) and returns once every node
   * listens; {@code log} gets a line when it is up.
   */
  public static Launched start(Deployment deployment, Path root, PrintStream log) {
    Path dir;
    try {
      dir = Files.createTempDirectory("parley-bench-" + deployment.tier().name().toLowerCase() + "-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    log.println("bench: starting " + deployment.id() + " (files in " + dir + ")");
    ProcessBuilder pb = new ProcessBuilder(command(deployment, root, dir))
        .directory(root.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    LOAD_SETTINGS.forEach(env::putIfAbsent);
    if (deployment.tier() == Deployment.Tier.SQLITE) {
      env.put("PARLEY_HTTP_HOST", "127.0.0.1");
      env.put("PARLEY_HTTP_PORT", "0");
      env.put("PARLEY_DATA_DIR", dir.resolve("node-1").toString());
      pb.redirectErrorStream(true);
    } else {
      env.put("PARLEY_CLUSTER_DIR", dir.toString());
      pb.redirectError(dir.resolve("cluster.log").toFile());
    }
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      deleteTree(dir);
      throw new UncheckedIOException("cannot start " + deployment.id(), e);
    }
    CompletableFuture<List<String>> listening = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, deployment, dir, listening), "output-" + deployment.id());
    pump.setDaemon(true);
    pump.start();
    try {
      List<String> urls = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      log.println("bench: " + deployment.id() + " is up: " + String.join(" ", urls));
      return new Launched(deployment, dir, process, urls);
    } catch (TimeoutException | java.util.concurrent.ExecutionException | InterruptedException e) {
      stop(process);
      String why = e instanceof java.util.concurrent.ExecutionException ? e.getCause().getMessage() : e.toString();
      IllegalStateException failed = new IllegalStateException(deployment.id() + " did not start: " + why
          + " (its output: " + output(dir, deployment) + ")");
      deleteTree(dir);
      throw failed;
    }
  }

  private static List<String> command(Deployment d, Path root, Path dir) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    String opts = System.getenv("PARLEY_JAVA_OPTS");
    if (d.tier() == Deployment.Tier.SQLITE) {
      Path jar = required(root, "server/target/parley-server.jar");
      if (opts != null && !opts.isBlank()) {
        command.addAll(List.of(opts.strip().split("\\s+")));
      }
      command.addAll(List.of("-jar", jar.toString()));
    } else {
      required(root, "server/target/parley-server.jar");
      Path engines = required(root, "engines/target/parley-engines.jar");
      if (d.tier() == Deployment.Tier.KAFKA) {
        required(root, "engines-kafka/target/parley-engines-kafka.jar");
      }
      command.addAll(List.of("-Dparley.root=" + root, "-cp", engines.toString(), "dev.parley.engines.ClusterMain",
          "--nodes", Integer.toString(d.nodes()), "--backend", d.tier().name().toLowerCase()));
    }
    return command;
  }

  private static Path required(Path root, String jar) {
    Path p = root.resolve(jar);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(p + " is missing: build it first (mvn -pl server,engines,engines-kafka -am"
          + " package -DskipTests), or give --parley-root the repository");
    }
    return p;
  }

  /** Reads the process's standard output: the nodes' listening lines, then (a cluster) the ready line. */
  private static void pump(Process process, Deployment d, Path dir, CompletableFuture<List<String>> listening) {
    List<String> urls = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("stdout.log")), true, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        out.println(line);
        int at = line.indexOf(LISTENING);
        if (at >= 0 && urls.size() < d.nodes()) {
          urls.add(line.substring(at + LISTENING.length()).trim());
          if (d.tier() == Deployment.Tier.SQLITE) {
            listening.complete(List.copyOf(urls));
          }
        } else if (line.startsWith(READY)) {
          listening.complete(List.copyOf(urls));
        }
      }
    } catch (IOException e) {
      // the process went away
    }
    listening.completeExceptionally(new IllegalStateException("it ended before every node listened"));
  }

  private static String output(Path dir, Deployment d) {
    Path file = dir.resolve(d.tier() == Deployment.Tier.SQLITE ? "stdout.log" : "cluster.log");
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "none";
    }
  }

  public Deployment deployment() {
    return deployment;
  }

  /** Each node's address. */
  public List<String> urls() {
    return urls;
  }

  /** The cluster's {@code engines.env}, or null for {@code sqlite}. */
  public Path enginesFile() {
    Path file = dir.resolve("engines.env");
    return Files.isRegularFile(file) ? file : null;
  }

  /** Stops the deployment (nodes, then engines), waits for it and deletes its files. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs anyway
    }
  }

  private synchronized void stop() {
    stop(process);
    deleteTree(dir);
  }

  /** SIGTERM (a cluster stops its nodes, then its engines), SIGKILL if it takes too long. */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("bench: could not delete " + root + ": " + e.getMessage());
    }
  }
}
