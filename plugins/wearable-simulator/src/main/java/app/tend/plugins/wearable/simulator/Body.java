package app.tend.plugins.wearable.simulator;

import app.tend.api.message.SignalKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * One simulated person's physiology, stepped forward a quarter second at a time. Heart rate and
 * RMSSD follow the phase's targets with a lag; every beat gives an RR interval whose beat-to-beat
 * variation has the current RMSSD; skin conductance is a tonic level plus phasic responses arriving at
 * random (more often under stress), each rising in about a second and fading over several; skin
 * temperature drifts slowly; motion and steps follow walking.
 */
final class Body {

  /** Receives one generated value. */
  interface Emitter {
    void emit(SignalKind kind, long timeMillis, double value);
  }

  static final long STEP_MILLIS = 250;

  private static final double HR_TAU_S = 40;
  private static final double RMSSD_TAU_S = 60;
  private static final double SCL_TAU_S = 90;
  private static final double TEMP_TAU_S = 240;
  private static final double MOTION_TAU_S = 4;
  private static final double SCR_RISE_S = 0.75;
  private static final double SCR_DECAY_S = 4;
  private static final double SCR_LASTS_S = 25;

  private final SplittableRandom random;
  private final double restHr;
  private final double restRmssd;
  private final double restScl;
  private final double restTemp;

  private double hr;
  private double hrWander;
  private double rmssd;
  private double scl;
  private double temp;
  private double motion;
  private double stepDebt;
  private long nextBeat;
  private final Deque<double[]> responses = new ArrayDeque<>(); // [onset ms, amplitude µS]

  /** @param startMillis the simulated time the body starts at */
  Body(SplittableRandom random, long startMillis) {
    this.random = random;
    this.restHr = 60 + random.nextDouble() * 12;
    this.restRmssd = 38 + random.nextDouble() * 20;
    this.restScl = 1.5 + random.nextDouble() * 2;
    this.restTemp = 33 + random.nextDouble();
    this.hr = restHr;
    this.rmssd = restRmssd;
    this.scl = restScl;
    this.temp = restTemp;
    this.motion = 0.012;
    this.nextBeat = startMillis + Math.round(60_000 / hr);
  }

  /**
   * Advances the body by {@link #STEP_MILLIS} to {@code endMillis} in this phase, emitting the values
   * that fall in the step: every beat's RR interval, EDA four times a second, and heart rate, skin
   * temperature, motion and steps on each whole second.
   */
  void step(long endMillis, PhaseKind phase, Emitter out) {
    PhaseTargets target = PhaseTargets.of(phase);
    double dt = STEP_MILLIS / 1000.0;
    hrWander += -hrWander * dt / 20 + random.nextGaussian() * 0.35 * Math.sqrt(dt);
    hr = approach(hr, restHr + target.hrDelta(), HR_TAU_S, dt);
    rmssd = approach(rmssd, restRmssd * target.rmssdFactor(), RMSSD_TAU_S, dt);
    scl = approach(scl, restScl * target.sclFactor(), SCL_TAU_S, dt);
    temp = approach(temp, restTemp + target.tempDelta(), TEMP_TAU_S, dt);
    motion = approach(motion, target.motionG(), MOTION_TAU_S, dt);

    while (nextBeat <= endMillis) {
      double meanRr = 60_000 / (hr + hrWander);
      // Independent beat-to-beat noise of sd s gives successive differences of RMS s·√2 = RMSSD.
      double rr = clamp(meanRr + random.nextGaussian() * rmssd / Math.sqrt(2), 300, 2000);
      out.emit(SignalKind.RR, nextBeat, round(rr, 1));
      nextBeat += Math.round(rr);
    }

    if (random.nextDouble() < target.scrPerMinute() / 60 * dt) {
      double amplitude = 0.1 + random.nextDouble() * (phase == PhaseKind.STRESS ? 0.8 : 0.4);
      responses.addLast(new double[] {endMillis, amplitude});
    }
    while (!responses.isEmpty() && endMillis - responses.peekFirst()[0] > SCR_LASTS_S * 1000) {
      responses.removeFirst();
    }
    double phasic = 0;
    for (double[] response : responses) {
      double s = (endMillis - response[0]) / 1000.0;
      phasic += response[1] * (Math.exp(-s / SCR_DECAY_S) - Math.exp(-s / SCR_RISE_S)) / 0.6;
    }
    out.emit(SignalKind.EDA, endMillis, round(Math.max(0.01, scl + phasic + random.nextGaussian() * 0.005), 3));

    if (endMillis % 1000 == 0) {
      out.emit(SignalKind.HR, endMillis, round(hr + hrWander + random.nextGaussian() * 0.5, 1));
      out.emit(SignalKind.SKIN_TEMP, endMillis, round(temp + random.nextGaussian() * 0.02, 2));
      double jitter = Math.exp(random.nextGaussian() * 0.25);
      out.emit(SignalKind.MOTION, endMillis, round(Math.max(0.002, motion * jitter), 3));
      stepDebt += target.stepsPerSecond() * (0.9 + random.nextDouble() * 0.2);
      long steps = (long) stepDebt;
      stepDebt -= steps;
      out.emit(SignalKind.STEPS, endMillis, steps);
    }
  }

  private static double approach(double value, double target, double tauSeconds, double dt) {
    return value + (target - value) * (1 - Math.exp(-dt / tauSeconds));
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  private static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }
}
