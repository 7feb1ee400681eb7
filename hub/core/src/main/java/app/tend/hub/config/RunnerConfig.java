package app.tend.hub.config;

import app.tend.api.ConfigChecks;

/**
 * The exercise runner, {@code runner} in tend.yaml: how long it waits for a person.
 *
 * @param pauseMinutes a paused exercise not resumed within this long is abandoned
 * @param checkInMinutes how long the check-in at the end of an exercise waits for a 0-10 rating
 * @param pickSeconds after "I feel stressed" or "start an exercise" naming none, how long to wait for the coach's pick
 */
public record RunnerConfig(Integer pauseMinutes, Integer checkInMinutes, Integer pickSeconds) {

  public RunnerConfig {
    pauseMinutes = ConfigChecks.intIn("pauseMinutes", pauseMinutes, 10, 1, 24 * 60);
    checkInMinutes = ConfigChecks.intIn("checkInMinutes", checkInMinutes, 5, 1, 60);
    pickSeconds = ConfigChecks.intIn("pickSeconds", pickSeconds, 20, 1, 600);
  }

  /** Every default. */
  public static RunnerConfig defaults() {
    return new RunnerConfig(null, null, null);
  }
}
