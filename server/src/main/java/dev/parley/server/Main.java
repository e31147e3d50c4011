package dev.parley.server;

import dev.parley.server.config.NodeConfig;

/** Starts a node from the environment and the config file, and stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Node node = Node.start(NodeConfig.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "parley-shutdown"));
        System.out.println("Parley listening on " + node.url());
    }
}
