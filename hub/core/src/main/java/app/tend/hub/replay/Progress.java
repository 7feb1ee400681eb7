package app.tend.hub.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Shows how far a replay is: on a terminal one line rewritten in place a few times a second, otherwise a
 * plain line every {@value #PLAIN_EVERY_SECONDS} seconds (for logs and pipes).
 */
public final class Progress {

  private static final long TERMINAL_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long PLAIN_EVERY_SECONDS = 10;

  private final PrintWriter err;
  private final boolean terminal;
  private final long everyNanos;
  private final long startNanos = System.nanoTime();
  private long nextNanos;
  private long rows;
  private long recordedMs;
  private int width;

  /** @param terminal true when {@code err} is a terminal */
  public Progress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
    this.everyNanos = terminal ? TERMINAL_EVERY_NANOS : TimeUnit.SECONDS.toNanos(PLAIN_EVERY_SECONDS);
    this.nextNanos = startNanos + everyNanos;
  }

  /** Counts one row. */
  void row(Row row) {
    rows++;
    recordedMs = Math.max(recordedMs, row.offsetMs());
    if ((rows & 255) == 0) {
      long now = System.nanoTime();
      if (now >= nextNanos) {
        nextNanos = now + everyNanos;
        show(line(now));
      }
    }
  }

  /** Clears the terminal line and prints the summary. */
  void done(String summary) {
    if (terminal) {
      err.print("\r" + " ".repeat(width) + "\r");
    }
    err.println("replay: " + line(System.nanoTime()) + "; " + summary);
    err.flush();
  }

  private void show(String line) {
    if (terminal) {
      width = Math.max(width, line.length() + 8);
      err.print("\rreplay: " + line);
    } else {
      err.println("replay: " + line);
    }
    err.flush();
  }

  private String line(long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    Duration recorded = Duration.ofMillis(recordedMs);
    return String.format(Locale.ROOT, "%,d rows, %d:%02d:%02d of recording in %.1f s (%,.0f rows/s)", rows,
        recorded.toHours(), recorded.toMinutesPart(), recorded.toSecondsPart(), seconds, rows / seconds);
  }
}
