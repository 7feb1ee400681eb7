package app.tend.hub.bench;

import app.tend.api.message.SignalKind;
import java.util.Arrays;
import java.util.Random;

/**
 * Ten minutes of one wrist wearable, precomputed so that replaying it costs an array read: heart rate
 * at 1 Hz with its RR beats, skin conductance at 4 Hz, skin temperature and motion at 1 Hz (about 8
 * samples a second), calm with a stressful middle stretch. Replays shift the times by whole scripts.
 * Used by the {@code bench} command and the JMH benchmarks.
 */
public final class WearableScript {

  /** The length of the script, in milliseconds of sample time. */
  public static final long LENGTH_MS = 600_000;

  /** Each row's kind. */
  public final SignalKind[] kinds;
  /** Each row's time, milliseconds from the start of the script, ascending. */
  public final long[] offsetsMs;
  /** Each row's value. */
  public final double[] values;

  /** Makes the script; the same seed makes the same script. */
  public WearableScript(long seed) {
    Random random = new Random(seed);
    int capacity = 6000;
    SignalKind[] k = new SignalKind[capacity];
    long[] t = new long[capacity];
    double[] v = new double[capacity];
    int n = 0;
    double nextBeat = 0;
    double phasic = 0;
    for (int s = 0; s < LENGTH_MS / 1000; s++) {
      boolean stressed = s >= 240 && s < 420;
      double hr = stressed ? 84 : 66;
      long start = s * 1000L;
      while (nextBeat < start + 1000) {
        double rr = 60_000 / hr + random.nextGaussian() * (stressed ? 12 : 30);
        nextBeat += rr;
        if (n + 8 >= capacity) {
          break;
        }
        k[n] = SignalKind.RR;
        t[n] = (long) nextBeat;
        v[n++] = Math.round(rr);
      }
      k[n] = SignalKind.HR;
      t[n] = start;
      v[n++] = Math.round(hr + random.nextGaussian());
      if (random.nextDouble() < (stressed ? 8 : 1) / 60.0) {
        phasic += 0.1;
      }
      for (int q = 0; q < 4; q++) {
        phasic *= 0.93;
        k[n] = SignalKind.EDA;
        t[n] = start + q * 250L;
        v[n++] = 2 + phasic + random.nextGaussian() * 0.002;
      }
      k[n] = SignalKind.SKIN_TEMP;
      t[n] = start;
      v[n++] = 33 + random.nextGaussian() * 0.02;
      k[n] = SignalKind.MOTION;
      t[n] = start;
      v[n++] = Math.abs(0.004 + random.nextGaussian() * 0.001);
    }
    // Rows in time order, as a wearable sends them.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
    kinds = new SignalKind[n];
    offsetsMs = new long[n];
    values = new double[n];
    for (int i = 0; i < n; i++) {
      kinds[i] = k[order[i]];
      offsetsMs[i] = t[order[i]];
      values[i] = v[order[i]];
    }
  }

  /** The number of rows. */
  public int size() {
    return kinds.length;
  }
}
