package app.tend.hub.stress;

/**
 * Counts skin-conductance responses (phasic EDA peaks) from per-second EDA: a rise of at least
 * {@link #MIN_AMPLITUDE_US} from a trough to the next peak is one response, counted at the peak.
 */
final class ScrDetector {

  static final double MIN_AMPLITUDE_US = 0.01;
  private static final int CAPACITY = 64;

  private final long[] peakSeconds = new long[CAPACITY];
  private int head = -1;
  private int size;
  private double previous = Double.NaN;
  private double trough = Double.NaN;
  private boolean rising;

  /** Takes the EDA of one second (NaN when missing); true when it completed a response. */
  boolean accept(long second, double eda) {
    if (Double.isNaN(eda)) {
      return false;
    }
    if (Double.isNaN(previous)) {
      previous = eda;
      return false;
    }
    boolean peak = false;
    if (!rising && eda > previous) {
      rising = true;
      trough = previous;
    } else if (rising && eda <= previous) {
      rising = false;
      if (previous - trough >= MIN_AMPLITUDE_US) {
        head = head + 1 == CAPACITY ? 0 : head + 1;
        size = Math.min(size + 1, CAPACITY);
        peakSeconds[head] = second;
        peak = true;
      }
    }
    previous = eda;
    return peak;
  }

  /** Responses in the {@code windowSeconds} up to {@code second}. */
  int count(long second, int windowSeconds) {
    int n = 0;
    for (int k = 0, i = head; k < size; k++, i = i == 0 ? CAPACITY - 1 : i - 1) {
      if (peakSeconds[i] <= second - windowSeconds) {
        break;
      }
      n++;
    }
    return n;
  }
}
