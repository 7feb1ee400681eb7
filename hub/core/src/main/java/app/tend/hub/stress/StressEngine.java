package app.tend.hub.stress;

import app.tend.api.message.SignalKind;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.config.StressConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person's online stress engine, driven only by sample timestamps (never the wall clock).
 *
 * <p>Samples are binned per second. When a sample opens a new second, the finished second is judged:
 * cleaned signals go into per-second rings (and 10-second blocks for the last ten minutes), features are
 * computed on sliding windows and compared with the person's calm {@link Baseline}, the {@link StressModel}
 * turns them into a probability that is smoothed over about half a minute into the score; HIGH needs the
 * score to hold for {@value #HIGH_AFTER_SECONDS} seconds. Sustained, steady motion or steps make the person
 * ACTIVE (bursts of gesture do not), and the minutes after real exercise stay ACTIVE (recovering), longer
 * while the heart rate is still well above calm: exercise is not stress.
 * Without heart rate and skin conductance the state is UNKNOWN. Calm, still seconds teach the baseline.
 *
 * <p>Not thread-safe: one owner feeds it. All state is primitive rings, so a sample allocates nothing.
 */
public final class StressEngine {

  /** Plausible heart rate, bpm; outside is an artefact. */
  static final double MIN_HR = 25;
  static final double MAX_HR = 240;
  /** A signal older than this no longer counts as present. */
  static final int FRESH_SECONDS = 10;
  /** Samples more than this behind the newest second are dropped (late or replayed out of order). */
  static final int MAX_LATE_SECONDS = 5;
  private static final int SMOOTHING_SECONDS = 30;
  private static final double EDA_OFFSET = 0.05;
  private static final int BLOCKS_PER_MINUTE = 60 / BlockRing.BLOCK_SECONDS;
  /** Moving: at least this share of the last {@link #MOVING_WINDOW} seconds above the motion threshold. */
  private static final double MOVING_SHARE = 0.8;
  /** Once active, still moving while at least this share is. */
  private static final double STILL_MOVING_SHARE = 0.5;
  private static final int MOVING_WINDOW = 15;
  /** Becoming active needs motion this steady: the spread of ln(motion) over the window; gestures spread more. */
  private static final double MAX_STEADY_MOTION_LOG_SD = 0.7;
  /** A second is moving above this many times the wearer's calm motion (and above the configured floor). */
  private static final double MOVING_FACTOR = 3.5;
  /** Activity shorter than this is fidgeting: it gets a short recovery only. */
  private static final int SUSTAINED_ACTIVITY_SECONDS = 90;
  private static final int SHORT_RECOVERY_SECONDS = 15;
  /** Recovery goes on (up to twice its length) while heart rate is this many spreads above calm. */
  private static final double RECOVERY_HR_Z = 2;
  /** The score must stay at HIGH this long before the level says so: a brief peak is ELEVATED. */
  static final int HIGH_AFTER_SECONDS = 10;
  /** Heart rate this far above the calm level counts as raised, for the reason line. */
  static final double HR_RAISED_PCT = 10;

  private final String person;
  private final StressModel model;
  private final StressConfig config;
  private final Baseline baseline = new Baseline();
  private final RrWindow rr = new RrWindow();
  private final ScrDetector scr = new ScrDetector();
  private final FloatRing hr = new FloatRing(32);
  private final FloatRing eda = new FloatRing(72);
  private final FloatRing temp = new FloatRing(152);
  private final FloatRing motion = new FloatRing(32);
  private final FloatRing moving = new FloatRing(32);
  private final FloatRing steps = new FloatRing(64);
  /** Ten minutes of ln EDA, heart rate and skin-conductance responses per minute in 10-second blocks. */
  private final BlockRing edaBlocks = new BlockRing(60);
  private final BlockRing hrBlocks = new BlockRing(60);
  private final BlockRing scrBlocks = new BlockRing(60);

  private long second = Long.MIN_VALUE;
  private double hrSum;
  private int hrCount;
  private double edaSum;
  private int edaCount;
  private double tempSum;
  private int tempCount;
  private double motionSum;
  private int motionCount;
  private double stepsSum;
  private boolean stepsSeen;
  private long lastHrSecond = Long.MIN_VALUE / 2;
  private long lastEdaSecond = Long.MIN_VALUE / 2;
  private long lastRrSecond = Long.MIN_VALUE / 2;
  private long lastActiveSecond = Long.MIN_VALUE / 2;
  private long activeSince = Long.MIN_VALUE / 2;
  private long activeSeconds;
  private long hrRaisedSince = Long.MIN_VALUE;
  private int highSeconds;
  private long dropped;
  private long late;

  private final double[] raw = new double[Feature.ALL.length];
  private final double[] z = new double[Feature.ALL.length];
  private long judgedSecond = Long.MIN_VALUE;
  private double hrBpm = Double.NaN;
  private double edaUs = Double.NaN;
  private double motionG = Double.NaN;
  private double stepsPerMinute;
  private double probability = Double.NaN;
  private double smoothed = Double.NaN;
  private boolean active;
  private boolean recovering;
  private StressLevel level = StressLevel.UNKNOWN;
  private int score;
  private double confidence;

  public StressEngine(String person, StressModel model, StressConfig config) {
    this.person = person;
    this.model = model;
    this.config = config;
  }

  /** The person. */
  public String person() {
    return person;
  }

  /**
   * Takes one sample.
   *
   * @return true when it finished at least one second, so the state may have changed
   */
  public boolean accept(SignalKind kind, long timeMs, double value) {
    long sec = Math.floorDiv(timeMs, 1000);
    boolean judged = false;
    if (second == Long.MIN_VALUE) {
      second = sec;
    } else if (sec > second) {
      advanceTo(sec);
      judged = true;
    } else if (sec < second - MAX_LATE_SECONDS) {
      // The seconds it belongs to were judged already; samples a few seconds late go into the current one.
      dropped++;
      late++;
      return false;
    }
    bin(kind, timeMs, value);
    return judged;
  }

  private void bin(SignalKind kind, long timeMs, double value) {
    switch (kind) {
      case HR -> {
        if (value >= MIN_HR && value <= MAX_HR) {
          hrSum += value;
          hrCount++;
        } else {
          dropped++;
        }
      }
      case RR -> {
        if (rr.accept(timeMs, value)) {
          lastRrSecond = second;
        }
      }
      case EDA -> {
        if (value >= 0 && value < 100) {
          edaSum += value;
          edaCount++;
        } else {
          dropped++;
        }
      }
      case SKIN_TEMP -> {
        if (value > 15 && value < 45) {
          tempSum += value;
          tempCount++;
        } else {
          dropped++;
        }
      }
      case MOTION -> {
        if (value >= 0 && value < 16) {
          motionSum += value;
          motionCount++;
        } else {
          dropped++;
        }
      }
      case STEPS -> {
        if (value >= 0 && value < 1000) {
          stepsSum += value;
          stepsSeen = true;
        } else {
          dropped++;
        }
      }
      case SPO2 -> {
        // Not used for stress.
      }
    }
  }

  private void advanceTo(long sec) {
    judge(second);
    long gap = sec - second - 1;
    // Seconds without any sample still pass; beyond a ring's length they change nothing more.
    long empty = Math.min(gap, temp.capacity());
    for (long s = sec - empty; s < sec; s++) {
      judge(s);
    }
    second = sec;
  }

  private void judge(long sec) {
    double hrNow = hrCount > 0 ? hrSum / hrCount : Double.NaN;
    double edaNow = edaCount > 0 ? edaSum / edaCount : Double.NaN;
    hr.push(hrNow);
    eda.push(edaNow);
    temp.push(tempCount > 0 ? tempSum / tempCount : Double.NaN);
    double motionNow = motionCount > 0 ? motionSum / motionCount : Double.NaN;
    motion.push(motionNow);
    moving.push(Double.isNaN(motionNow) ? Double.NaN : motionNow >= movingThresholdG() ? 1 : 0);
    steps.push(stepsSeen ? stepsSum : Double.NaN);
    if (hrCount > 0) {
      lastHrSecond = sec;
    }
    if (edaCount > 0) {
      lastEdaSecond = sec;
    }
    boolean peak = scr.accept(sec, edaNow);
    edaBlocks.push(Math.log(edaNow + EDA_OFFSET));
    hrBlocks.push(hrNow);
    scrBlocks.push(Double.isNaN(edaNow) ? Double.NaN : peak ? 60 : 0);
    hrSum = edaSum = tempSum = motionSum = stepsSum = 0;
    hrCount = edaCount = tempCount = motionCount = 0;
    stepsSeen = false;
    judgedSecond = sec;
    features(sec);
    decide(sec);
  }

  private void features(long sec) {
    long endMs = sec * 1000 + 999;
    hrBpm = hr.mean(30, 5);
    if (Double.isNaN(hrBpm) && sec - lastRrSecond <= FRESH_SECONDS) {
      hrBpm = rr.heartRate(endMs, 30_000);
    }
    raw[Feature.HR.ordinal()] = hrBpm;
    edaUs = eda.mean(10, 3);
    double logEda = Math.log(edaUs + EDA_OFFSET);
    raw[Feature.EDA.ordinal()] = logEda;
    double edaBefore = eda.meanFrom(60, 10, 3);
    raw[Feature.EDA_SLOPE.ordinal()] = logEda - Math.log(edaBefore + EDA_OFFSET);
    raw[Feature.SCR.ordinal()] = Double.isNaN(eda.mean(60, 30)) ? Double.NaN : scr.count(sec, 60);
    raw[Feature.HRV.ordinal()] = rr.lnRmssd(endMs);
    raw[Feature.TEMP_SLOPE.ordinal()] = temp.mean(30, 10) - temp.meanFrom(120, 30, 10);
    motionG = motion.mean(30, 10);
    raw[Feature.EDA_RISE.ordinal()] = logEda - edaBlocks.min(10 * BLOCKS_PER_MINUTE);
    raw[Feature.EDA_FALL.ordinal()] = logEda - edaBlocks.max(10 * BLOCKS_PER_MINUTE);
    raw[Feature.EDA_TREND.ordinal()] = logEda - edaBlocks.block(3 * BLOCKS_PER_MINUTE);
    raw[Feature.HR_FALL.ordinal()] = hrBpm - hrBlocks.max(5 * BLOCKS_PER_MINUTE);
    raw[Feature.HR_TREND.ordinal()] = hrBpm - hrBlocks.block(5 * BLOCKS_PER_MINUTE);
    raw[Feature.SCR_SURGE.ordinal()] = raw[Feature.SCR.ordinal()] - scrBlocks.mean(10 * BLOCKS_PER_MINUTE);
    stepsPerMinute = steps.sum(60);
    for (Feature f : Feature.ALL) {
      z[f.ordinal()] = f.bound(baseline.z(f, raw[f.ordinal()]));
    }
  }

  private void decide(long sec) {
    boolean hasHeart = sec - lastHrSecond <= FRESH_SECONDS || sec - lastRrSecond <= FRESH_SECONDS;
    boolean hasEda = sec - lastEdaSecond <= FRESH_SECONDS;
    double movingShare = moving.mean(MOVING_WINDOW, MOVING_WINDOW / 2);
    boolean wasActive = active;
    // Becoming active needs steady movement (walking, running): talking with the hands or fidgeting comes in
    // bursts, and is no exercise. Once active, pauses and changes of pace do not end it.
    boolean steady = wasActive || !(motionLogSd(MOVING_WINDOW) > MAX_STEADY_MOTION_LOG_SD);
    active = movingShare >= (wasActive ? STILL_MOVING_SHARE : MOVING_SHARE) && steady
        || stepsPerMinute >= config.activeStepsPerMinute();
    if (active) {
      activeSince = wasActive ? activeSince : sec;
      activeSeconds = sec - activeSince + 1;
      lastActiveSecond = sec;
    }
    long sinceActive = sec - lastActiveSecond;
    long recovery = activeSeconds >= SUSTAINED_ACTIVITY_SECONDS ? config.recoveryMinutes() * 60L : SHORT_RECOVERY_SECONDS;
    // After real exercise, heart rate, sweat and skin temperature take minutes to settle: all of it is recovery,
    // and longer while the heart rate is still well above calm.
    boolean raised = z[Feature.HR.ordinal()] > RECOVERY_HR_Z && sinceActive < 2 * recovery;
    recovering = !active && (sinceActive < recovery || raised);
    double hrDelta = hrDeltaPct();
    hrRaisedSince = hrDelta >= HR_RAISED_PCT ? (hrRaisedSince == Long.MIN_VALUE ? sec : hrRaisedSince) : Long.MIN_VALUE;
    if (!hasHeart && !hasEda) {
      level = StressLevel.UNKNOWN;
      score = 0;
      highSeconds = 0;
      confidence = 0;
      smoothed = Double.NaN;
      probability = Double.NaN;
      return;
    }
    if (active || recovering) {
      level = StressLevel.ACTIVE;
      score = 0;
      highSeconds = 0;
      confidence = Double.isNaN(motionG) ? 0.5 : 0.8;
      return;
    }
    probability = model.probability(z);
    smoothed = Double.isNaN(smoothed) ? probability : smoothed + (probability - smoothed) / SMOOTHING_SECONDS;
    score = (int) Math.round(100 * smoothed);
    highSeconds = score >= config.highScore() ? highSeconds + 1 : 0;
    level = highSeconds > HIGH_AFTER_SECONDS ? StressLevel.HIGH
        : score >= config.elevatedScore() ? StressLevel.ELEVATED : StressLevel.CALM;
    double signals = (hasHeart ? 0.5 : 0) + (hasEda ? 0.35 : 0) + (Double.isNaN(raw[Feature.HRV.ordinal()]) ? 0 : 0.15);
    confidence = signals * (0.4 + 0.6 * baseline.maturity());
    baseline.learnMotion(motion.get(0));
    boolean still = Double.isNaN(movingShare) || movingShare < 0.2;
    if (still) {
      for (Feature f : Feature.ALL) {
        baseline.learn(f, raw[f.ordinal()]);
      }
    }
  }

  /** Spread of ln(motion) over the last {@code window} seconds: low for walking or running, high for gestures. */
  private double motionLogSd(int window) {
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int k = 0; k < window; k++) {
      double m = motion.get(k);
      if (!Double.isNaN(m)) {
        double x = Math.log(m + 0.001);
        sum += x;
        sumSq += x * x;
        n++;
      }
    }
    if (n < window / 2) {
      return Double.NaN;
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  }

  /** Motion that counts as moving: the configured floor, or several times this wearer's calm motion. */
  private double movingThresholdG() {
    double calm = baseline.calmMotionG();
    return Double.isNaN(calm) ? config.activeMotionG() : Math.max(config.activeMotionG(), MOVING_FACTOR * calm);
  }

  /** Heart rate relative to the calm level, percent; NaN before both are known. */
  double hrDeltaPct() {
    double calm = baseline.center(Feature.HR);
    if (Double.isNaN(hrBpm) || baseline.count(Feature.HR) == 0 || calm <= 0) {
      return Double.NaN;
    }
    return 100 * (hrBpm - calm) / calm;
  }

  /** The level as of the last finished second. */
  public StressLevel level() {
    return level;
  }

  /** The score 0-100 as of the last finished second. */
  public int score() {
    return score;
  }

  /** The confidence 0-1 as of the last finished second. */
  public double confidence() {
    return confidence;
  }

  /** The last finished second (Unix seconds), or {@link Long#MIN_VALUE} before the first. */
  public long judgedSecond() {
    return judgedSecond;
  }

  /** Samples dropped as implausible or too late. */
  public long dropped() {
    return dropped;
  }

  /** Samples dropped because they came more than {@value #MAX_LATE_SECONDS} s behind the newest second. */
  public long late() {
    return late;
  }

  /** Copies the baseline-normalised features of the last finished second, in {@link Feature} order. */
  public void features(double[] into) {
    System.arraycopy(z, 0, into, 0, z.length);
  }

  /** The baseline, for persisting. */
  public BaselineSnapshot baseline() {
    return baseline.snapshot();
  }

  /** Continues from a persisted baseline. */
  public void restore(BaselineSnapshot snapshot) {
    baseline.restore(snapshot);
  }

  /** The state as of the last finished second, as published on the bus. */
  public StressState state() {
    Map<String, Double> features = new LinkedHashMap<>();
    put(features, "hrBpm", hrBpm);
    put(features, "hrDeltaPct", hrDeltaPct());
    put(features, "edaUs", edaUs);
    put(features, "scrPerMin", raw[Feature.SCR.ordinal()]);
    put(features, "lnRmssd", raw[Feature.HRV.ordinal()]);
    put(features, "tempSlopeC", raw[Feature.TEMP_SLOPE.ordinal()]);
    put(features, "motionG", motionG);
    put(features, "stepsPerMin", stepsPerMinute);
    put(features, "probability", probability);
    for (Feature f : Feature.ALL) {
      put(features, f.key(), z[f.ordinal()]);
    }
    long at = judgedSecond == Long.MIN_VALUE ? 0 : judgedSecond;
    return new StressState(person, Instant.ofEpochSecond(at), score, level,
        Math.max(0, Math.min(1, confidence)), features, Reasons.of(this));
  }

  private static void put(Map<String, Double> map, String key, double value) {
    if (Double.isFinite(value)) {
      map.put(key, Math.round(value * 1000) / 1000.0);
    }
  }

  // For Reasons.
  double z(Feature feature) {
    return z[feature.ordinal()];
  }

  double raw(Feature feature) {
    return raw[feature.ordinal()];
  }

  boolean recovering() {
    return recovering;
  }

  boolean activeNow() {
    return active;
  }

  long hrRaisedSeconds() {
    return hrRaisedSince == Long.MIN_VALUE ? 0 : judgedSecond - hrRaisedSince + 1;
  }

  long silentSeconds() {
    return judgedSecond - Math.max(lastHrSecond, Math.max(lastRrSecond, lastEdaSecond));
  }

  double baselineMaturity() {
    return baseline.maturity();
  }

  double motionG() {
    return motionG;
  }

  double stepsPerMinute() {
    return stepsPerMinute;
  }
}
