package app.tend.hub.stress;

import java.util.Arrays;

/** A fixed ring of per-second floats, newest last; missing seconds hold NaN. No allocation after construction. */
final class FloatRing {

  private final float[] values;
  private int head;

  FloatRing(int capacity) {
    values = new float[capacity];
    Arrays.fill(values, Float.NaN);
  }

  void push(double value) {
    head = head + 1 == values.length ? 0 : head + 1;
    values[head] = (float) value;
  }

  /** The value {@code back} seconds ago (0 = newest), NaN if missing or older than the ring. */
  double get(int back) {
    if (back >= values.length) {
      return Double.NaN;
    }
    int i = head - back;
    return values[i < 0 ? i + values.length : i];
  }

  /** Mean of the valid values among the newest {@code window}, NaN if fewer than {@code minCount}. */
  double mean(int window, int minCount) {
    return meanFrom(0, window, minCount);
  }

  /** Mean of the valid values from {@code back} seconds ago over {@code window} older seconds. */
  double meanFrom(int back, int window, int minCount) {
    double sum = 0;
    int n = 0;
    int end = Math.min(back + window, values.length);
    for (int k = back; k < end; k++) {
      double v = get(k);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n >= minCount && n > 0 ? sum / n : Double.NaN;
  }

  /** Sum of the valid values among the newest {@code window}. */
  double sum(int window) {
    double sum = 0;
    int end = Math.min(window, values.length);
    for (int k = 0; k < end; k++) {
      double v = get(k);
      if (!Double.isNaN(v)) {
        sum += v;
      }
    }
    return sum;
  }

  int capacity() {
    return values.length;
  }
}
