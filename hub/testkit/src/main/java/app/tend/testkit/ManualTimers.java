package app.tend.testkit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One-shot timers that fire only when a test moves a {@link ManualClock}: each task runs on the Vert.x
 * context that set it, in the order they fall due, so a test of a paced flow never waits for real time.
 */
public final class ManualTimers {

  private record Task(long id, Instant due, Context context, Runnable task) {}

  private final ManualClock clock;
  private final List<Task> pending = new ArrayList<>();
  private long nextId;

  public ManualTimers(ManualClock clock) {
    this.clock = clock;
  }

  /** Sets a timer; call it on a Vert.x context (the task will run there). */
  public synchronized long after(long delayMillis, Runnable task) {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("set a timer from a Vert.x context, as production code does");
    }
    long id = ++nextId;
    pending.add(new Task(id, clock.instant().plusMillis(Math.max(0, delayMillis)), context, task));
    return id;
  }

  /** Cancels a timer that has not fired. */
  public synchronized void cancel(long id) {
    pending.removeIf(task -> task.id() == id);
  }

  /** Timers set and not yet fired or cancelled. */
  public synchronized int pending() {
    return pending.size();
  }

  /** When the next timer falls due, if one is set. */
  public synchronized Instant nextDue() {
    return pending.stream().map(Task::due).min(Comparator.naturalOrder()).orElse(null);
  }

  /**
   * Moves the clock forward by {@code by}, firing every timer that falls due on the way at its own
   * time, each on its context, and waiting for it to have run. Call from a test thread.
   */
  public void advance(Duration by) {
    Instant target = clock.instant().plus(by);
    while (true) {
      Task next;
      synchronized (this) {
        next = pending.stream().filter(task -> !task.due().isAfter(target))
            .min(Comparator.comparing(Task::due).thenComparing(Task::id)).orElse(null);
        if (next != null) {
          pending.remove(next);
        }
      }
      if (next == null) {
        break;
      }
      if (next.due().isAfter(clock.instant())) {
        clock.set(next.due());
      }
      run(next);
    }
    clock.set(target);
  }

  private static void run(Task task) {
    CompletableFuture<Void> ran = new CompletableFuture<>();
    task.context().runOnContext(ignored -> {
      try {
        task.task().run();
        ran.complete(null);
      } catch (RuntimeException e) {
        ran.completeExceptionally(e);
      }
    });
    try {
      ran.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("timer task failed or did not run: " + e, e);
    }
  }
}
