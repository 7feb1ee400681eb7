package app.tend.plugins.wearable.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulationClockTest {

  private static final long LENGTH = Duration.ofMinutes(34).toMillis();

  @Test
  void fastFirstPassEndsExactlyAtTheRealClockAndNeverRunsAheadOfIt() {
    MutableClock real = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    SimulationClock sim = new SimulationClock(real, LENGTH, 30);
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < 5_000; i++) {
      long now = sim.now();
      assertThat(now).isLessThanOrEqualTo(real.millis()).isGreaterThanOrEqualTo(previous);
      previous = now;
      real.advance(Duration.ofMillis(37));
    }
    // 5,000 × 37 ms = 185 s of real time: the 68 s first pass is over and time runs live.
    assertThat(sim.now()).isEqualTo(real.millis());
  }

  @Test
  void firstPassReplaysTheWholeTimelineInLengthOverSpeed() {
    MutableClock real = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    long realStart = real.millis();
    SimulationClock sim = new SimulationClock(real, LENGTH, 30);

    assertThat(sim.now()).isEqualTo(sim.start());
    real.advance(Duration.ofMillis(LENGTH / 30));
    assertThat(sim.now()).isEqualTo(sim.start() + LENGTH).isEqualTo(realStart + LENGTH / 30);
  }

  @Test
  void atRealSpeedTheTimelineStartsNow() {
    MutableClock real = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    SimulationClock sim = new SimulationClock(real, LENGTH, 1);

    assertThat(sim.start()).isEqualTo(real.millis());
    real.advance(Duration.ofSeconds(10));
    assertThat(sim.now()).isEqualTo(real.millis());
  }
}
