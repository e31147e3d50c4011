package dev.parley.bench.scenario;

import dev.parley.bench.driver.Target;
import dev.parley.bench.driver.TargetKind;
import dev.parley.bench.sys.PortOwner;
import dev.parley.bench.sys.ServerMonitor;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Starts the resource monitor for a target's server process, or for every node of a cluster. */
final class Monitors {

  private Monitors() {
  }

  static ServerMonitor start(Target target) {
    if (target.urls().isEmpty()) {
      return new ServerMonitor(target.serverPid(), null).start();
    }
    List<ServerMonitor.Watched> watched = new ArrayList<>();
    for (int i = 0; i < target.urls().size(); i++) {
      URI metrics = target.kind() == TargetKind.PARLEY
          ? URI.create(target.url(i).replaceAll("/+$", "") + "/metrics") : null;
      watched.add(new ServerMonitor.Watched(pid(target, i), metrics));
    }
    return new ServerMonitor(watched).start();
  }

  /** Node {@code i}'s process: as given, or the process listening on its port when the url is local. */
  static Long pid(Target target, int i) {
    if (i < target.serverPids().size()) {
      return target.serverPids().get(i);
    }
    if (isLocal(target.uri(i).getHost())) {
      OptionalLong found = PortOwner.pidListeningOn(target.port(i));
      return found.isPresent() ? found.getAsLong() : null;
    }
    return null;
  }

  private static boolean isLocal(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
