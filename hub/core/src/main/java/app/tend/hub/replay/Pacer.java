package app.tend.hub.replay;

import java.util.concurrent.TimeUnit;

/**
 * Paces a replay by the recording's own time: a row {@code offsetMs} into its file goes out
 * {@code offsetMs / speed} after the start. Speed 0 means as fast as possible.
 */
final class Pacer {

  private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final double speed;
  private final long startNanos;

  Pacer(double speed) {
    this.speed = speed;
    this.startNanos = System.nanoTime();
  }

  /** Waits until the row is due, telling the sink first when there is a wait. */
  void awaitDue(Row row, ReplaySink sink) throws Exception {
    if (speed <= 0) {
      return;
    }
    long due = startNanos + (long) (TimeUnit.MILLISECONDS.toNanos(row.offsetMs()) / speed);
    long wait = due - System.nanoTime();
    if (wait > SLACK_NANOS) {
      sink.pause();
      wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }
}
