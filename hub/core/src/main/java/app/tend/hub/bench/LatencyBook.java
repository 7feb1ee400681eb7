package app.tend.hub.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Publish-to-state latency, correlated by sample time. The engine judges a person's second S when the
 * first sample of a later second arrives, and the state it publishes then carries time S; so the
 * generator notes, per person, when it sent the message holding the first sample of each second, and a
 * state for S is matched with the message that opened S + 1 (or the next second that had samples).
 */
final class LatencyBook {

  private static final int SLOTS = 64;

  private final AtomicLongArray seconds;
  private final AtomicLongArray sentNanos;
  private long[] latencies = new long[1 << 16];
  private int count;
  private long unmatched;
  private volatile boolean recording;

  LatencyBook(int persons) {
    seconds = new AtomicLongArray(persons * SLOTS);
    sentNanos = new AtomicLongArray(persons * SLOTS);
    for (int i = 0; i < persons * SLOTS; i++) {
      seconds.set(i, Long.MIN_VALUE);
    }
  }

  /** The generator sent the first sample of {@code second} for a person at {@code nanos}; from any generator thread. */
  void opened(int person, long second, long nanos) {
    int slot = person * SLOTS + (int) (second & (SLOTS - 1));
    sentNanos.set(slot, nanos);
    seconds.set(slot, second);
  }

  /** A state for {@code judgedSecond} was seen at {@code nanos}; from the one thread that watches states. */
  void state(int person, long judgedSecond, long nanos) {
    if (!recording) {
      return;
    }
    for (long s = judgedSecond + 1; s <= judgedSecond + SLOTS / 2; s++) {
      int slot = person * SLOTS + (int) (s & (SLOTS - 1));
      if (seconds.get(slot) == s) {
        long latency = nanos - sentNanos.get(slot);
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = latency;
        return;
      }
    }
    unmatched++;
  }

  /** Starts or stops keeping latencies. */
  void recording(boolean on) {
    recording = on;
  }

  /** The latencies kept, sorted, in nanoseconds; call once the watching thread is quiet. */
  long[] sorted() {
    long[] copy = Arrays.copyOf(latencies, count);
    Arrays.sort(copy);
    return copy;
  }

  /** States that matched no sent message. */
  long unmatched() {
    return unmatched;
  }

  /** The value at quantile {@code q} (0-1) of sorted values, or -1 when there are none. */
  static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
