package app.tend.hub.config;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;

/**
 * The stress engine ({@code stress:} in {@code tend.yaml}).
 *
 * @param publishEverySeconds a person's state is published when its level changes, and otherwise at most this often
 * @param elevatedScore the score (0-100) from which a person counts as ELEVATED
 * @param highScore the score from which a person counts as HIGH (stressed); must be above {@code elevatedScore}
 * @param activeMotionG per-second motion (spread of the acceleration magnitude, in g) from which a second counts as
 *     moving, or 3.5 times the wearer's own calm motion if that is higher; moving steadily (not in bursts of
 *     gesture) in 12 of 15 seconds is ACTIVE
 * @param activeStepsPerMinute steps in the last minute from which a person is ACTIVE
 * @param recoveryMinutes after at least 90 s of activity, how long the person stays ACTIVE (recovering), not
 *     stressed; up to twice as long while heart rate stays well above calm
 * @param baselineSaveMinutes how often baselines are saved (they are also saved when the hub stops)
 * @param idleMinutes a person whose latest sample is this far behind the newest of anyone's has their engine put
 *     away (baseline saved, memory freed) when baselines are next saved; their next sample loads it back
 */
public record StressConfig(
    Integer publishEverySeconds,
    Integer elevatedScore,
    Integer highScore,
    Double activeMotionG,
    Integer activeStepsPerMinute,
    Integer recoveryMinutes,
    Integer baselineSaveMinutes,
    Integer idleMinutes) {

  /** Fills in defaults and checks ranges. */
  public StressConfig {
    publishEverySeconds = ConfigChecks.intIn("publishEverySeconds", publishEverySeconds, 5, 1, 3600);
    elevatedScore = ConfigChecks.intIn("elevatedScore", elevatedScore, 45, 1, 99);
    highScore = ConfigChecks.intIn("highScore", highScore, 50, 2, 100);
    if (highScore <= elevatedScore) {
      throw new InvalidConfigException("highScore", highScore, "a score above elevatedScore (" + elevatedScore + ")");
    }
    activeMotionG = ConfigChecks.doubleIn("activeMotionG", activeMotionG, 0.015, 0.001, 4.0);
    activeStepsPerMinute = ConfigChecks.intIn("activeStepsPerMinute", activeStepsPerMinute, 30, 1, 400);
    recoveryMinutes = ConfigChecks.intIn("recoveryMinutes", recoveryMinutes, 5, 0, 60);
    baselineSaveMinutes = ConfigChecks.intIn("baselineSaveMinutes", baselineSaveMinutes, 5, 1, 1440);
    idleMinutes = ConfigChecks.intIn("idleMinutes", idleMinutes, 60, 1, 10_080);
  }

  /** All defaults. */
  public static StressConfig defaults() {
    return new StressConfig(null, null, null, null, null, null, null, null);
  }
}
