package dev.parley.server;

import dev.parley.server.config.NodeConfig;

/**
 * Starts a node from the environment and the config file, and stops it cleanly on SIGTERM or Ctrl-C; exits with
 * status 75 when the node stopped itself because another node took its node id.
 */
public final class Main {
    /** The exit status of a node that stopped because another node took its node id (EX_TEMPFAIL: start it again). */
    static final int EXIT_NODE_ID_TAKEN = 75;

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Parley stopping: draining connections");
            node.close();
            System.out.println("Parley stopped");
        }, "parley-shutdown"));
        node.leaseLost().thenRun(() -> {
            System.err.println("Parley stopped: another node took this node's id while it did not renew it");
            System.exit(EXIT_NODE_ID_TAKEN);
        });
        System.out.println("Parley listening on " + node.url());
        node.setupLine().ifPresent(System.out::println);
    }
}
