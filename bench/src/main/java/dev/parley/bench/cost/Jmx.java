package dev.parley.bench.cost;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The platform MBeans of a local JVM, reached by attaching to it (same user) and starting its local management
 * agent: no JMX port needs to be configured. That is where Kafka and Cassandra publish their metrics.
 */
final class Jmx implements AutoCloseable {

  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private Jmx(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  static Jmx attach(long pid) {
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        return new Jmx(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
      } finally {
        vm.detach();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot attach to JVM " + pid + ": " + e, e);
    }
  }

  /** The sum of numeric {@code attribute} over the MBeans matching {@code pattern} (0 when none). */
  double sum(String pattern, String attribute) {
    try {
      double sum = 0;
      for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
        if (server.getAttribute(name, attribute) instanceof Number n) {
          sum += n.doubleValue();
        }
      }
      return sum;
    } catch (Exception e) {
      throw new IllegalStateException("JMX " + pattern + " " + attribute + ": " + e, e);
    }
  }

  void invoke(String name, String operation, Object[] params, String[] signature) {
    try {
      server.invoke(new ObjectName(name), operation, params, signature);
    } catch (Exception e) {
      throw new IllegalStateException("JMX " + name + " " + operation + ": " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
