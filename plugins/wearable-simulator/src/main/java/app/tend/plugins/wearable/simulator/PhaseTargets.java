package app.tend.plugins.wearable.simulator;

/**
 * Where a person's signals head in each phase, relative to their resting values; the body follows
 * with lags (heart rate in tens of seconds, skin temperature in minutes). Effect sizes follow what
 * wrist studies of acute stress and walking report: stress raises heart rate by some 15-25 bpm and
 * lowers RMSSD to well under half, and doubles-to-triples skin conductance responses; walking raises
 * heart rate more, with steps and motion that stress lacks.
 *
 * @param hrDelta bpm above the resting heart rate
 * @param rmssdFactor RMSSD as a share of the resting RMSSD
 * @param sclFactor tonic skin conductance as a multiple of the resting level
 * @param scrPerMinute skin conductance responses per minute
 * @param tempDelta skin temperature change, degrees Celsius
 * @param motionG motion level, g
 * @param stepsPerSecond walking cadence
 */
record PhaseTargets(
    double hrDelta, double rmssdFactor, double sclFactor, double scrPerMinute, double tempDelta, double motionG,
    double stepsPerSecond) {

  static PhaseTargets of(PhaseKind kind) {
    return switch (kind) {
      case CALM -> new PhaseTargets(0, 1.0, 1.0, 1.0, 0, 0.012, 0);
      case STRESS -> new PhaseTargets(20, 0.4, 1.8, 7.0, -0.6, 0.03, 0);
      case WALK -> new PhaseTargets(32, 0.3, 1.3, 2.0, -0.3, 0.28, 1.8);
      case RECOVERY -> new PhaseTargets(3, 0.85, 1.1, 1.5, -0.1, 0.012, 0);
    };
  }
}
