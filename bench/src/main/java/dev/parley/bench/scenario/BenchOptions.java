package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;
import dev.parley.bench.driver.Target;
import dev.parley.bench.driver.TargetKind;
import java.nio.file.Path;
import java.util.List;

/**
 * Options every scenario shares. {@code --url} may name several nodes of one Parley cluster (repeated or
 * comma-separated); the scenarios then spread their clients over them.
 *
 * @param engines      the {@code engines.env} of the cluster's engines ({@code ./parley cluster} writes it into its
 *                     folder), whose CPU time and counters the load scenarios turn into per-unit costs; or null
 * @param xmppDomain   the XMPP host name of the ejabberd target
 * @param localAddress the local IP to connect from (e.g. 127.0.0.2), or null
 */
public record BenchOptions(Target target, String xmppDomain, String localAddress, Path engines) {

  public static BenchOptions of(Target target) {
    return new BenchOptions(target, "localhost", null, null);
  }

  public static BenchOptions from(Args args) {
    TargetKind kind = TargetKind.of(args.string("target", "parley"));
    List<String> urls = args.strings("url");
    if (urls.isEmpty() && kind.defaultUrl() != null) {
      urls = List.of(kind.defaultUrl());
    }
    List<Long> pids = args.strings("server-pid").stream().map(Long::parseLong).toList();
    if (!pids.isEmpty() && pids.size() != urls.size()) {
      throw new IllegalArgumentException("give one --server-pid per --url (or none: they are found by port)");
    }
    Target target = new Target(kind, urls, pids);
    String engines = args.string("engines", null);
    return new BenchOptions(target, args.string("xmpp-domain", "localhost"), args.string("local-address", null),
        engines == null ? null : Path.of(engines));
  }

  public BenchOptions withTarget(Target t) {
    return new BenchOptions(t, xmppDomain, localAddress, engines);
  }
}
