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

  private Await() {}
}
