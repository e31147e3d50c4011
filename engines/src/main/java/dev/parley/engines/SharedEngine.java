package dev.parley.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One engine per test JVM, started on first use in a temporary folder and shared by every test class;
 * stopped, and its folder deleted, when the root {@link ExtensionContext.Store} closes (the end of the test
 * run) or, failing that, by a shutdown hook. The JUnit 5 extensions of this package and of
 * {@code dev.parley.engines.kafka} hold one each.
 *
 * @param <E> the engine
 */
public final class SharedEngine<E> {
    /** Starts an engine with its files in the given folder. */
    @FunctionalInterface
    public interface Starter<E> {
        E start(Path directory) throws Exception;
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedEngine.class);

    private final String name;
    private final Starter<E> starter;
    private final Consumer<E> stopper;
    private E engine;
    private Path directory;

    public SharedEngine(String name, Starter<E> starter, Consumer<E> stopper) {
        this.name = name;
        this.starter = starter;
        this.stopper = stopper;
    }

    /** The engine, started now if it is not yet. */
    public synchronized E get() {
        if (engine == null) {
            long start = System.nanoTime();
            try {
                directory = Files.createTempDirectory("parley-" + name + "-");
                engine = starter.start(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start " + name, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, name + "-shared-stop"));
            System.err.printf("parley engines: %s started in %.1f s: %s%n", name, (System.nanoTime() - start) / 1e9, engine);
        }
        return engine;
    }

    /** Starts the engine if needed and has the end of the test run stop it. */
    public void startFor(ExtensionContext context) {
        get();
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(name, k -> (AutoCloseable) this::stop, AutoCloseable.class);
    }

    private synchronized void stop() {
        if (engine != null) {
            stopper.accept(engine);
            engine = null;
            PostgresEngine.deleteTree(directory);
        }
    }
}
