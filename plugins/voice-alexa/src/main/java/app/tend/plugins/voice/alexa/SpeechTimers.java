package app.tend.plugins.voice.alexa;

import io.vertx.core.Vertx;

/** One-shot timers for waiting out an answer's speech, so tests can move them by hand. */
interface SpeechTimers {

  /** Runs the task once after the delay, on the caller's context; returns an id to cancel it. */
  long after(long delayMillis, Runnable task);

  /** Cancels a timer that has not fired; unknown ids are ignored. */
  void cancel(long id);

  /** Vert.x timers. */
  static SpeechTimers of(Vertx vertx) {
    return new SpeechTimers() {
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
