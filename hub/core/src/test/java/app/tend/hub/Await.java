package app.tend.hub;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Waits for a future from a test thread (never an event loop), with a bound. */
public final class Await {

  public static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /**
   * Repeats a check that itself waits for an answer (a store read, a request) until it holds, for at
   * most 10 seconds; for effects that happen asynchronously, never to let time pass.
   */
  public static void until(java.util.function.BooleanSupplier check, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!check.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
    }
  }

  private Await() {}
}
