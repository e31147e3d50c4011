package dev.parley.bench.scenario;

import dev.parley.bench.driver.ChatDriver;
import dev.parley.bench.driver.Feature;
import dev.parley.bench.driver.nats.NatsDriver;
import dev.parley.bench.driver.parley.ParleyDriver;
import dev.parley.bench.driver.xmpp.XmppDriver;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Opens the driver for a target. */
public final class Drivers {

  private Drivers() {
  }

  public static ChatDriver open(BenchOptions o) {
    return switch (o.target().kind()) {
      case PARLEY -> new ParleyDriver(o.target(), o.localAddress());
      case EJABBERD -> new XmppDriver(o.target(), o.xmppDomain(), o.localAddress());
      case NATS -> {
        try {
          yield NatsDriver.open(o.target());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    };
  }

  /** Fails with a clear message when the driver lacks a feature the scenario needs. */
  public static void require(ChatDriver driver, Feature feature, String scenario) {
    if (!driver.features().contains(feature)) {
      throw new UnsupportedOperationException(scenario + " needs " + feature + ", which target "
          + driver.target().kind().id() + " does not offer");
    }
  }
}
