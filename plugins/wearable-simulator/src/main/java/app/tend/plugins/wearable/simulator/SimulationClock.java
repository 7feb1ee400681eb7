package app.tend.plugins.wearable.simulator;

import java.time.Clock;

/**
 * Simulated time that never runs ahead of the real clock, though it runs faster. The first pass through
 * the timeline is the recent past replayed at {@code speed}: it starts {@code length × (1 - 1/speed)}
 * before the real start and ends exactly when the real clock does. Samples can never be newer than
 * "now", and a newcomer sees a whole timeline in {@code length / speed}. Once caught up, simulated time
 * is real time: later passes (when looping) run at 1x, so time keeps increasing.
 */
final class SimulationClock {

  private final Clock clock;
  private final long lengthMillis;
  private final double speed;
  private final long realStart;
  private final long simStart;
  private final long firstPassRealMillis;

  SimulationClock(Clock clock, long lengthMillis, double speed) {
    this.clock = clock;
    this.lengthMillis = lengthMillis;
    this.speed = speed;
    this.realStart = clock.millis();
    this.firstPassRealMillis = (long) Math.floor(lengthMillis / speed);
    this.simStart = realStart + firstPassRealMillis - lengthMillis;
  }

  /** The simulated time the timeline starts at (Unix ms). */
  long start() {
    return simStart;
  }

  /** The simulated time now (Unix ms): never after the real clock, never less than before. */
  long now() {
    long real = clock.millis();
    long elapsed = Math.max(0, real - realStart);
    long sim = elapsed <= firstPassRealMillis
        ? simStart + (long) Math.floor(elapsed * speed)
        : simStart + lengthMillis + (elapsed - firstPassRealMillis);
    return Math.min(sim, Math.max(real, simStart));
  }

  /** The length of one pass, simulated ms. */
  long lengthMillis() {
    return lengthMillis;
  }
}
