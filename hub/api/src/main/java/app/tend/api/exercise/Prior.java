package app.tend.api.exercise;

import app.tend.api.ConfigChecks;

/**
 * What the library expects an exercise to do before anything was measured for a person: the change of
 * the stress score (0-100) from the minutes before it to the minutes after it. Negative is better.
 *
 * @param meanChange the expected change, -50 to 50; default -5
 * @param sdChange how much single outcomes spread around it, 1 to 50; default 8
 * @param weight how many measured outcomes the prior is worth, 0.5 to 50; default 2
 */
public record Prior(Double meanChange, Double sdChange, Double weight) {

  /** Applies the defaults and checks the ranges. */
  public Prior {
    meanChange = ConfigChecks.doubleIn("meanChange", meanChange, -5, -50, 50);
    sdChange = ConfigChecks.doubleIn("sdChange", sdChange, 8, 1, 50);
    weight = ConfigChecks.doubleIn("weight", weight, 2, 0.5, 50);
  }

  /** Every default. */
  public static Prior defaults() {
    return new Prior(null, null, null);
  }
}
