package app.tend.hub.stress;

import java.util.Arrays;

/**
 * Long context at low cost: per-second values averaged into blocks of {@link #BLOCK_SECONDS}, the newest
 * {@code capacity} block means kept in a ring. No allocation after construction.
 */
final class BlockRing {

  static final int BLOCK_SECONDS = 10;

  private final float[] blocks;
  private int head;
  private double sum;
  private int count;
  private int seconds;

  BlockRing(int capacity) {
    blocks = new float[capacity];
    Arrays.fill(blocks, Float.NaN);
  }

  /** Takes one second's value (NaN when missing); every {@link #BLOCK_SECONDS} seconds a block closes. */
  void push(double value) {
    if (!Double.isNaN(value)) {
      sum += value;
      count++;
    }
    if (++seconds == BLOCK_SECONDS) {
      head = head + 1 == blocks.length ? 0 : head + 1;
      blocks[head] = count >= BLOCK_SECONDS / 2 ? (float) (sum / count) : Float.NaN;
      sum = 0;
      count = 0;
      seconds = 0;
    }
  }

  private double get(int back) {
    int i = head - back;
    return blocks[i < 0 ? i + blocks.length : i];
  }

  /** The lowest block mean among the newest {@code n} closed blocks, NaN if none. */
  double min(int n) {
    double min = Double.NaN;
    for (int k = 0; k < Math.min(n, blocks.length); k++) {
      double v = get(k);
      if (!Double.isNaN(v) && !(v >= min)) {
        min = v;
      }
    }
    return min;
  }

  /** The highest block mean among the newest {@code n} closed blocks, NaN if none. */
  double max(int n) {
    double max = Double.NaN;
    for (int k = 0; k < Math.min(n, blocks.length); k++) {
      double v = get(k);
      if (!Double.isNaN(v) && !(v <= max)) {
        max = v;
      }
    }
    return max;
  }

  /** The mean of the newest {@code n} closed blocks, NaN if none. */
  double mean(int n) {
    double sum = 0;
    int c = 0;
    for (int k = 0; k < Math.min(n, blocks.length); k++) {
      double v = get(k);
      if (!Double.isNaN(v)) {
        sum += v;
        c++;
      }
    }
    return c == 0 ? Double.NaN : sum / c;
  }

  /** The block mean {@code back} blocks ago (0 = newest closed), NaN if missing. */
  double block(int back) {
    return back < blocks.length ? get(back) : Double.NaN;
  }
}
