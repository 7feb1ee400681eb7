package app.tend.hub.stress;

/**
 * Cleans RR intervals and keeps RMSSD over the last minute. A beat is an artefact when it differs by more
 * than 20% from the running reference of recent clean beats; a successive difference counts only when both
 * beats are clean and adjacent (wrist devices drop beats, and a difference across a gap is not HRV). Beats are
 * taken in time order: one not after the newest is left out.
 */
final class RrWindow {

  static final double MIN_RR_MS = 250;
  static final double MAX_RR_MS = 2500;
  private static final double ARTEFACT_FRACTION = 0.20;
  private static final int WINDOW_MS = 60_000;
  private static final int CAPACITY = 128;
  private static final int MIN_PAIRS = 15;
  private static final double MIN_COVERAGE = 0.3;

  private final long[] times = new long[CAPACITY];
  private final float[] beats = new float[CAPACITY];
  private final float[] squaredDiffs = new float[CAPACITY];
  private int head = -1;
  private int size;
  private double reference = Double.NaN;
  private int rejectedInARow;
  private long lastCleanTimeMs = Long.MIN_VALUE;
  private double lastCleanRr = Double.NaN;
  private long artefacts;

  /** Takes one beat; returns false when it was dropped as an artefact, out of range, or not after the newest. */
  boolean accept(long timeMs, double rrMs) {
    if (size > 0 && timeMs <= times[head]) {
      // Late or repeated (a backlog, a re-delivery): kept out, so the ring stays in time order and the beats
      // around it keep their successive difference.
      return false;
    }
    if (!(rrMs >= MIN_RR_MS && rrMs <= MAX_RR_MS)) {
      artefacts++;
      return false;
    }
    if (!Double.isNaN(reference) && Math.abs(rrMs - reference) > ARTEFACT_FRACTION * reference) {
      artefacts++;
      // A run of "artefacts" means the rhythm itself changed: start over from this beat.
      if (++rejectedInARow < 5) {
        return false;
      }
      lastCleanRr = Double.NaN;
    }
    rejectedInARow = 0;
    reference = Double.isNaN(reference) ? rrMs : reference + 0.25 * (rrMs - reference);
    boolean adjacent = !Double.isNaN(lastCleanRr) && Math.abs(timeMs - lastCleanTimeMs - rrMs) <= 0.5 * rrMs;
    double diff = adjacent ? rrMs - lastCleanRr : Double.NaN;
    head = head + 1 == CAPACITY ? 0 : head + 1;
    size = Math.min(size + 1, CAPACITY);
    times[head] = timeMs;
    beats[head] = (float) rrMs;
    squaredDiffs[head] = (float) (diff * diff);
    lastCleanTimeMs = timeMs;
    lastCleanRr = rrMs;
    return true;
  }

  /** ln RMSSD (ms) over the minute up to {@code nowMs}, NaN when too few adjacent clean beats cover it. */
  double lnRmssd(long nowMs) {
    double sumSq = 0;
    double covered = 0;
    int pairs = 0;
    for (int k = 0, i = head; k < size; k++, i = i == 0 ? CAPACITY - 1 : i - 1) {
      if (times[i] <= nowMs - WINDOW_MS) {
        break;
      }
      covered += beats[i];
      if (!Float.isNaN(squaredDiffs[i])) {
        sumSq += squaredDiffs[i];
        pairs++;
      }
    }
    if (pairs < MIN_PAIRS || covered < MIN_COVERAGE * WINDOW_MS) {
      return Double.NaN;
    }
    return Math.log(Math.sqrt(sumSq / pairs) + 1);
  }

  /** Mean heart rate (bpm) from the clean beats of the last {@code windowMs}, NaN without beats. */
  double heartRate(long nowMs, int windowMs) {
    double sum = 0;
    int n = 0;
    for (int k = 0, i = head; k < size; k++, i = i == 0 ? CAPACITY - 1 : i - 1) {
      if (times[i] <= nowMs - windowMs) {
        break;
      }
      sum += beats[i];
      n++;
    }
    return n == 0 ? Double.NaN : 60_000.0 * n / sum;
  }

  long artefacts() {
    return artefacts;
  }
}
