package dev.parley.bench.scenario;

import dev.parley.bench.driver.Target;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.sys.PortOwner;
import dev.parley.bench.sys.ServerMonitor;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.OptionalLong;

/** Starts the resource monitor for a target's server process. */
final class Monitors {

  private Monitors() {
  }

  static ServerMonitor start(Target target) {
    Long pid = target.serverPid();
    if (pid == null && isLocal(target.uri().getHost())) {
      OptionalLong found = PortOwner.pidListeningOn(target.port());
      pid = found.isPresent() ? found.getAsLong() : null;
    }
    URI metrics = target.kind() == TargetKind.PARLEY ? URI.create(target.url().replaceAll("/+$", "") + "/metrics") : null;
    return new ServerMonitor(pid, metrics).start();
  }

  private static boolean isLocal(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
