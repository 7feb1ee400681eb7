package app.tend.hub.stress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person's calm baseline: a robust centre and spread per {@link Feature}, learned from calm, still
 * seconds. The first minutes use running mean and variance shrunk towards a population spread (a cold
 * start that works at once); after {@link #WARM_SECONDS} the centre follows the median slowly (a step of
 * a small fraction of the spread towards each new value) and the spread follows the mean absolute
 * deviation, so a stressful hour does not become the new normal.
 */
final class Baseline {

  static final int WARM_SECONDS = 300;
  /** Pseudo-observations of the population spread during cold start. */
  private static final double PRIOR_WEIGHT = 30;
  /** Per-second adaptation after warm-up: the centre moves at most 0.06 spread a minute. */
  private static final double CENTER_RATE = 0.001;
  private static final double SPREAD_RATE = 0.0005;
  private static final double MOTION_OFFSET_G = 0.001;
  /** Step of the calm motion median in ln units per second after warm-up. */
  private static final double MOTION_RATE = 0.002;
  /** The snapshot key of the calm motion level. */
  static final String CALM_MOTION_KEY = "calmMotionG";

  private final int n = Feature.ALL.length;
  private final double[] center = new double[n];
  private final double[] spread = new double[n];
  private final double[] m2 = new double[n];
  private final long[] count = new long[n];
  /** ln of the calm per-second motion (g), tracked like a centre: what "still" looks like for this wearer. */
  private double calmMotionLog;
  private long motionCount;

  Baseline() {
    for (Feature f : Feature.ALL) {
      spread[f.ordinal()] = f.priorSpread();
    }
  }

  /** Learns from one calm, still second; NaN values are skipped. */
  void learn(Feature feature, double value) {
    if (Double.isNaN(value)) {
      return;
    }
    int i = feature.ordinal();
    long c = count[i];
    if (c < WARM_SECONDS) {
      c = ++count[i];
      double delta = value - center[i];
      center[i] += delta / c;
      m2[i] += delta * (value - center[i]);
      double prior = feature.priorSpread();
      spread[i] = Math.sqrt((PRIOR_WEIGHT * prior * prior + m2[i]) / (PRIOR_WEIGHT + c));
      return;
    }
    double deviation = value - center[i];
    count[i] = c + 1;
    center[i] += CENTER_RATE * spread[i] * Math.signum(deviation);
    // Mean absolute deviation times 1.25 estimates the standard deviation of a normal distribution.
    spread[i] += SPREAD_RATE * (1.25 * Math.abs(deviation) - spread[i]);
    spread[i] = Math.max(spread[i], 0.1 * feature.priorSpread());
  }

  /** Learns the calm motion level from one second while not active. */
  void learnMotion(double motionG) {
    if (Double.isNaN(motionG)) {
      return;
    }
    double x = Math.log(motionG + MOTION_OFFSET_G);
    if (motionCount < WARM_SECONDS) {
      calmMotionLog += (x - calmMotionLog) / ++motionCount;
    } else {
      motionCount++;
      calmMotionLog += MOTION_RATE * Math.signum(x - calmMotionLog);
    }
  }

  /** The calm per-second motion in g, NaN before any was seen. */
  double calmMotionG() {
    return motionCount == 0 ? Double.NaN : Math.exp(calmMotionLog) - MOTION_OFFSET_G;
  }

  /** How far {@code value} is from the calm centre, in spreads; 0 when unknown. */
  double z(Feature feature, double value) {
    int i = feature.ordinal();
    if (Double.isNaN(value) || count[i] == 0) {
      return 0;
    }
    return Math.max(-6, Math.min(6, (value - center[i]) / spread[i]));
  }

  double center(Feature feature) {
    return center[feature.ordinal()];
  }

  long count(Feature feature) {
    return count[feature.ordinal()];
  }

  /** 0 to 1: how much of the warm-up the heart-rate and skin-conductance baselines have seen. */
  double maturity() {
    long seen = Math.max(count[Feature.HR.ordinal()], count[Feature.EDA.ordinal()]);
    return Math.min(1.0, (double) seen / WARM_SECONDS);
  }

  /** A copy for persisting. */
  BaselineSnapshot snapshot() {
    Map<String, BaselineSnapshot.Stat> stats = new LinkedHashMap<>();
    for (Feature f : Feature.ALL) {
      int i = f.ordinal();
      if (count[i] > 0) {
        stats.put(f.key(), new BaselineSnapshot.Stat(center[i], spread[i], count[i]));
      }
    }
    if (motionCount > 0) {
      stats.put(CALM_MOTION_KEY, new BaselineSnapshot.Stat(calmMotionG(), 0, motionCount));
    }
    return new BaselineSnapshot(stats);
  }

  /** Restores a persisted baseline; features it does not know start afresh. */
  void restore(BaselineSnapshot snapshot) {
    for (Feature f : Feature.ALL) {
      BaselineSnapshot.Stat stat = snapshot.stats().get(f.key());
      if (stat != null && stat.count() > 0 && stat.spread() > 0) {
        int i = f.ordinal();
        center[i] = stat.center();
        spread[i] = stat.spread();
        count[i] = stat.count();
        m2[i] = stat.spread() * stat.spread() * Math.min(stat.count(), WARM_SECONDS);
      }
    }
    BaselineSnapshot.Stat motion = snapshot.stats().get(CALM_MOTION_KEY);
    if (motion != null && motion.count() > 0 && motion.center() >= 0) {
      calmMotionLog = Math.log(motion.center() + MOTION_OFFSET_G);
      motionCount = motion.count();
    }
  }
}
