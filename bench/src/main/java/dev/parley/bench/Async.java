package dev.parley.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Helpers for running many asynchronous calls. */
public final class Async {

  private Async() {
  }

  /**
   * Applies {@code call} to every item with at most {@code parallelism} calls in flight; completes
   * with the results in item order, or with the first failure.
   */
  public static <T, R> CompletableFuture<List<R>> mapBounded(List<T> items, int parallelism,
                                                            Function<T, CompletableFuture<R>> call) {
    List<R> results = new ArrayList<>(Collections.nCopies(items.size(), null));
    CompletableFuture<List<R>> done = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    if (items.isEmpty()) {
      done.complete(results);
      return done;
    }
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= items.size() || done.isDone()) {
        return;
      }
      CompletableFuture<R> f;
      try {
        f = call.apply(items.get(i));
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((r, e) -> {
        if (e != null) {
          done.completeExceptionally(e);
          return;
        }
        synchronized (results) {
          results.set(i, r);
        }
        if (finished.incrementAndGet() == items.size()) {
          synchronized (results) {
            done.complete(results);
          }
        } else {
          startNext[0].run();
        }
      });
    };
    for (int k = 0; k < Math.min(parallelism, items.size()); k++) {
      startNext[0].run();
    }
    return done;
  }

  /** Waits for {@code f}, unwrapping its failure; {@code what} names it in a timeout. */
  public static <T> T await(CompletableFuture<T> f, long timeoutSeconds, String what) {
    try {
      return f.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(what + ": " + cause, cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + ": no answer within " + timeoutSeconds + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted");
    }
  }
}
