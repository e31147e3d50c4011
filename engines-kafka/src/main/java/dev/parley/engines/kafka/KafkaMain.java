package dev.parley.engines.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link KafkaEngine} in a JVM of its own: {@code java -cp ... dev.parley.engines.kafka.KafkaMain DIR}.
 * Prints one line, {@code kafka ready BOOTSTRAP}, once the broker serves; stops it on SIGTERM or Ctrl-C.
 */
public final class KafkaMain {
    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KafkaMain DIR");
            System.exit(2);
        }
        KafkaEngine kafka;
        try {
            kafka = KafkaEngine.start(Path.of(args[0]));
        } catch (Exception e) {
            System.err.println("kafka did not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println("kafka ready " + kafka.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await();   // KafkaEngine's shutdown hook stops the broker
    }
}
