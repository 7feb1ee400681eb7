package app.tend.hub.runner;

import io.vertx.core.Vertx;

/** One-shot timers; the runner's pacing goes through them so tests can move time by hand. */
public interface Timers {

  /** Runs the task once after the delay, on the caller's context; returns an id to cancel it. */
  long after(long delayMillis, Runnable task);

  /** Cancels a timer that has not fired yet; unknown ids are ignored. */
  void cancel(long id);

  /** Vert.x timers: the task runs on the context that set the timer. */
  static Timers of(Vertx vertx) {
    return new Timers() {
      @Override
      public long after(long delayMillis, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> task.run());
      }

      @Override
      public void cancel(long id) {
        vertx.cancelTimer(id);
      }
    };
  }
}
