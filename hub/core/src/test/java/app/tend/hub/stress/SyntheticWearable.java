package app.tend.hub.stress;

import app.tend.api.message.SignalKind;
import java.util.Random;

/**
 * Makes a wrist wearable's samples second by second, deterministically: heart rate at 1 Hz with its RR
 * beats, skin conductance at 4 Hz with phasic responses, skin temperature, motion and steps.
 */
final class SyntheticWearable {

  /** Receives each sample. */
  interface Sink {
    void sample(SignalKind kind, long timeMs, double value);
  }

  /** What the body does during a phase. */
  record Phase(double hrBpm, double rmssdMs, double edaUs, double scrPerMinute, double motionG, double stepsPerMinute) {

    static Phase calm() {
      return new Phase(64, 45, 2.0, 1, 0.003, 0);
    }

    static Phase stressed() {
      return new Phase(82, 15, 2.6, 8, 0.004, 0);
    }

    static Phase exercise() {
      return new Phase(125, 8, 2.4, 3, 0.15, 120);
    }
  }

  private final Random random = new Random(42);
  private final Sink sink;
  private long timeMs;
  private double tonic = Double.NaN;
  private double phasic;
  private double nextBeatMs;
  private double lastRr = 900;
  private boolean heart = true;
  private boolean skin = true;
  private boolean gesturing;

  SyntheticWearable(long startMs, Sink sink) {
    this.timeMs = startMs;
    this.nextBeatMs = startMs;
    this.sink = sink;
  }

  long timeMs() {
    return timeMs;
  }

  /** Turns the heart-rate and skin-conductance sensors off or on (motion keeps coming). */
  void sensors(boolean on) {
    heart = on;
    skin = on;
  }

  /** Makes motion come in bursts, as when talking with the hands: ln(motion) spreads by 1.2 around the phase's. */
  void gesturing(boolean on) {
    gesturing = on;
  }

  /** Runs {@code seconds} of {@code phase}. */
  void run(Phase phase, int seconds) {
    run(phase, phase, seconds);
  }

  /** Runs {@code seconds}, every value moving linearly from {@code from} to {@code to}. */
  void run(Phase from, Phase to, int seconds) {
    for (int s = 0; s < seconds; s++) {
      double f = seconds <= 1 ? 1 : (double) s / (seconds - 1);
      second(new Phase(mix(from.hrBpm, to.hrBpm, f), mix(from.rmssdMs, to.rmssdMs, f), mix(from.edaUs, to.edaUs, f),
          mix(from.scrPerMinute, to.scrPerMinute, f), mix(from.motionG, to.motionG, f),
          mix(from.stepsPerMinute, to.stepsPerMinute, f)));
    }
  }

  private static double mix(double a, double b, double f) {
    return a + (b - a) * f;
  }

  private void second(Phase p) {
    long end = timeMs + 1000;
    if (heart) {
      double meanRr = 60_000 / p.hrBpm;
      while (nextBeatMs < end) {
        // Successive differences with standard deviation ~ RMSSD, pulled back towards the mean.
        double rr = meanRr + 0.5 * (lastRr - meanRr) + random.nextGaussian() * p.rmssdMs / Math.sqrt(2);
        nextBeatMs += rr;
        lastRr = rr;
        sink.sample(SignalKind.RR, (long) nextBeatMs, Math.round(rr));
      }
      sink.sample(SignalKind.HR, timeMs, Math.round(p.hrBpm + random.nextGaussian() * 1.5));
    } else {
      nextBeatMs = end;
    }
    if (skin) {
      tonic = Double.isNaN(tonic) ? p.edaUs : tonic + (p.edaUs - tonic) / 60;
      if (random.nextDouble() < p.scrPerMinute / 60) {
        phasic += 0.08 + 0.04 * random.nextDouble();
      }
      for (int q = 0; q < 4; q++) {
        phasic *= 0.93;
        sink.sample(SignalKind.EDA, timeMs + q * 250, tonic + phasic + random.nextGaussian() * 0.002);
      }
      sink.sample(SignalKind.SKIN_TEMP, timeMs, 33 + random.nextGaussian() * 0.02);
    }
    double motion = gesturing ? p.motionG * Math.exp(1.2 * random.nextGaussian())
        : Math.abs(p.motionG * (1 + 0.2 * random.nextGaussian()));
    sink.sample(SignalKind.MOTION, timeMs, motion);
    if (p.stepsPerMinute > 0) {
      sink.sample(SignalKind.STEPS, timeMs, Math.round(p.stepsPerMinute / 60));
    }
    timeMs = end;
  }
}
