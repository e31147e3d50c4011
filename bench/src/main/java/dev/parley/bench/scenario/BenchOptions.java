package dev.parley.bench.scenario;

import dev.parley.bench.cli.Args;
import dev.parley.bench.driver.Target;
import dev.parley.bench.driver.TargetKind;

/**
 * Options every scenario shares.
 *
 * @param xmppDomain   the XMPP host name of the ejabberd target
 * @param localAddress the local IP to connect from (e.g. 127.0.0.2), or null
 */
public record BenchOptions(Target target, String xmppDomain, String localAddress) {

  public static BenchOptions of(Target target) {
    return new BenchOptions(target, "localhost", null);
  }

  public static BenchOptions from(Args args) {
    TargetKind kind = TargetKind.of(args.string("target", "parley"));
    String pid = args.string("server-pid", null);
    Target target = new Target(kind, args.string("url", kind.defaultUrl()), pid == null ? null : Long.parseLong(pid));
    return new BenchOptions(target, args.string("xmpp-domain", "localhost"), args.string("local-address", null));
  }

  public BenchOptions withTarget(Target t) {
    return new BenchOptions(t, xmppDomain, localAddress);
  }
}
