package dev.parley.server;

import dev.parley.server.config.NodeConfig;

/** Starts a node from the environment and the config file, and stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Node node;
        try {
            node = Node.start(NodeConfig.fromEnvironment());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("Parley did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "parley-shutdown"));
        System.out.println("Parley listening on " + node.url());
        node.setupLine().ifPresent(System.out::println);
    }
}
