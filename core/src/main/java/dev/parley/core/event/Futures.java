package dev.parley.core.event;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting on a future while letting the cause of its failure (often a ParleyException) through unchanged. */
public final class Futures {
    private Futures() {
    }

    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    public static RuntimeException unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    }
}
