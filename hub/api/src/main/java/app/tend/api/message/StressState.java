package app.tend.api.message;

import java.time.Instant;
import java.util.Map;

/**
 * The stress engine's judgement of one person at one instant, published on {@code tend.stress}.
 *
 * @param person the person
 * @param time the instant the state describes (the time of the newest sample used)
 * @param score 0 (calm) to 100 (very stressed)
 * @param level the level the score and context amount to
 * @param confidence 0 to 1: how much to trust this state (signal quality and baseline maturity)
 * @param features the features that drove the judgement, by name (e.g. {@code hrDeltaPct}, {@code lnRmssd})
 * @param reason one line a person can read, e.g. "heart rate 22% above your calm level for 4 minutes"
 */
public record StressState(
    String person,
    Instant time,
    int score,
    StressLevel level,
    double confidence,
    Map<String, Double> features,
    String reason) {

  /** The feature that holds the heart rate, in beats per minute, the state was judged from. */
  public static final String HEART_RATE = "hrBpm";

  /** Checks ranges and copies the features. */
  public StressState {
    Checks.person(person);
    Checks.notNull(time, "time");
    Checks.notNull(level, "level");
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score must be between 0 and 100, got " + score);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
    }
    features = features == null ? Map.of() : Map.copyOf(features);
    reason = reason == null ? "" : reason;
  }

  /** The heart rate the state was judged from ({@link #HEART_RATE}), or null when it carries none. */
  public Double heartRate() {
    return features.get(HEART_RATE);
  }
}
