package app.tend.hub.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RrWindowTest {

  @Test
  void artefactBeatIsDroppedAndRmssdUsesOnlyAdjacentCleanBeats() {
    RrWindow window = new RrWindow();
    long t = 0;
    // Alternating 800/840 ms: every successive difference is 40 ms, so RMSSD is 40 ms.
    for (int i = 0; i < 80; i++) {
      double rr = i % 2 == 0 ? 800 : 840;
      t += (long) rr;
      assertThat(window.accept(t, rr)).isTrue();
    }
    // A missed beat shows up as a double interval: an artefact, not HRV.
    t += 1640;
    assertThat(window.accept(t, 1640)).isFalse();

    assertThat(window.lnRmssd(t)).isCloseTo(Math.log(40 + 1), within(1e-6));
    assertThat(window.heartRate(t, 30_000)).isCloseTo(60_000 / 820.0, within(0.5));
    assertThat(window.artefacts()).isEqualTo(1);
  }

  @Test
  void beatsASecondOutOfOrderKeepTheVariabilityOfTheOthers() {
    RrWindow window = new RrWindow();
    long[] times = new long[72];
    double[] beats = new double[72];
    long t = 0;
    for (int i = 0; i < times.length; i++) {
      beats[i] = i % 2 == 0 ? 800 : 840;
      t += (long) beats[i];
      times[i] = t;
    }
    // Every third beat arrives just after the one that follows it: it is left out, the others stay paired.
    for (int i = 0; i < times.length; i++) {
      int beat = i % 3 == 1 && i + 1 < times.length ? i + 1 : i % 3 == 2 ? i - 1 : i;
      window.accept(times[beat], beats[beat]);
    }

    assertThat(window.lnRmssd(t)).isCloseTo(Math.log(40 + 1), within(1e-6));
  }

  @Test
  void aStretchOfBeatsDeliveredAgainChangesNothing() {
    RrWindow once = new RrWindow();
    RrWindow twice = new RrWindow();
    long t = 0;
    for (int i = 0; i < 72; i++) {
      double rr = i % 2 == 0 ? 800 : 840;
      t += (long) rr;
      once.accept(t, rr);
      twice.accept(t, rr);
    }
    for (long again = t - 8 * 820; again < t; again += 1640) {
      assertThat(twice.accept(again, 800)).isFalse();
    }

    assertThat(twice.heartRate(t, 30_000)).isEqualTo(once.heartRate(t, 30_000));
    assertThat(twice.lnRmssd(t)).isEqualTo(once.lnRmssd(t));
  }

  @Test
  void tooFewBeatsGiveNoRmssd() {
    RrWindow window = new RrWindow();
    for (int i = 1; i <= 10; i++) {
      window.accept(i * 800L, 800);
    }
    assertThat(window.lnRmssd(8_000)).isNaN();
  }

  @Test
  void outOfRangeBeatsAreRejected() {
    RrWindow window = new RrWindow();
    assertThat(window.accept(1000, 200)).isFalse();
    assertThat(window.accept(2000, 3000)).isFalse();
  }
}
