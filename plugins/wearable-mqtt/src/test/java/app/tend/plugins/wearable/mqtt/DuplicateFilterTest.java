package app.tend.plugins.wearable.mqtt;

import static app.tend.plugins.wearable.mqtt.DuplicateFilter.Verdict.DUPLICATE;
import static app.tend.plugins.wearable.mqtt.DuplicateFilter.Verdict.NEW;
import static app.tend.plugins.wearable.mqtt.DuplicateFilter.Verdict.TOO_LATE;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.SignalKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

  private static final long T = 1_700_000_000_000L;
  private static final long NOW = T + 3_600_000;
  private static final long WINDOW_MS = 60 * 60_000L;

  private final DuplicateFilter filter = new DuplicateFilter(WINDOW_MS);

  @Test
  void oneNewerSampleThenABacklogOfOlderOnesIsAllTaken() {
    assertThat(hr(T + 3_510_000)).isEqualTo(NEW);
    for (int i = 0; i < 3_510; i++) {
      assertThat(hr(T + i * 1000L)).as("backlog sample %d", i).isEqualTo(NEW);
    }
    assertThat(hr(T + 3_511_000)).isEqualTo(NEW);
  }

  @Test
  void theSameSampleAgainIsADuplicateWhereverItFallsInTheWindow() {
    for (int i = 0; i < 2_000; i++) {
      assertThat(hr(T + i * 1000L)).isEqualTo(NEW);
    }

    assertThat(hr(T + 1_999_000)).isEqualTo(DUPLICATE);
    assertThat(hr(T + 1_000_000)).isEqualTo(DUPLICATE);
    assertThat(hr(T)).isEqualTo(DUPLICATE);
    assertThat(hr(T + 1_000_500)).as("a time between two taken ones").isEqualTo(NEW);
    assertThat(hr(T + 1_000_500)).isEqualTo(DUPLICATE);
  }

  @Test
  void samplesShuffledWithinTheWindowAreEachTakenOnceAndEveryRepeatIsADuplicate() {
    List<Long> times = new ArrayList<>();
    Random random = new Random(3);
    long t = T;
    for (int i = 0; i < 20_000; i++) {
      t += 1 + random.nextInt(150); // an irregular series of about 13 Hz
      times.add(t);
    }
    Collections.shuffle(times, random);

    assertThat(times).allSatisfy(time -> assertThat(filter.check("alex", "watch", SignalKind.EDA, time, NOW))
        .isEqualTo(NEW));
    Collections.shuffle(times, random);
    assertThat(times).allSatisfy(time -> assertThat(filter.check("alex", "watch", SignalKind.EDA, time, NOW))
        .isEqualTo(DUPLICATE));
    assertThat(filter.times()).isEqualTo(20_000);
  }

  @Test
  void aSampleOlderThanTheWindowBehindItsSeriesIsTooLateNotADuplicate() {
    assertThat(hr(T + WINDOW_MS + 1)).isEqualTo(NEW);

    assertThat(hr(T)).isEqualTo(TOO_LATE);
    assertThat(hr(T + 1)).isEqualTo(NEW);
    assertThat(filter.check("alex", "watch", SignalKind.EDA, T, NOW)).as("another series has its own window")
        .isEqualTo(NEW);
  }

  @Test
  void seriesAreKeptApartByPersonDeviceAndKind() {
    assertThat(hr(T)).isEqualTo(NEW);
    assertThat(filter.check("alex", "watch", SignalKind.RR, T, NOW)).isEqualTo(NEW);
    assertThat(filter.check("alex", "ring", SignalKind.HR, T, NOW)).isEqualTo(NEW);
    assertThat(filter.check("sam", "watch", SignalKind.HR, T, NOW)).isEqualTo(NEW);
    assertThat(hr(T)).isEqualTo(DUPLICATE);
  }

  @Test
  void aLongSteadySeriesKeepsOnlyItsWindow() {
    for (int i = 0; i < 200_000; i++) {
      assertThat(filter.check("alex", "watch", SignalKind.RR, T + i * 100L, NOW)).isEqualTo(NEW);
    }
    long newest = T + 199_999 * 100L;

    assertThat(filter.times()).isBetween(WINDOW_MS / 100, WINDOW_MS / 100 + SeenTimes.CHUNK + 1);
    assertThat(filter.check("alex", "watch", SignalKind.RR, newest - WINDOW_MS, NOW)).isEqualTo(DUPLICATE);
    assertThat(filter.check("alex", "watch", SignalKind.RR, newest - WINDOW_MS - 100, NOW)).isEqualTo(TOO_LATE);
  }

  @Test
  void aSeriesFasterThanItsBoundForgetsItsOldestAndWhatCameBeforeIsTooLate() {
    int n = DuplicateFilter.MAX_PER_SERIES + 2 * SeenTimes.CHUNK;
    for (int i = 0; i < n; i++) {
      assertThat(filter.check("alex", "watch", SignalKind.EDA, T + i * 10L, NOW)).isEqualTo(NEW);
    }

    assertThat(filter.times()).isLessThanOrEqualTo(DuplicateFilter.MAX_PER_SERIES);
    assertThat(filter.check("alex", "watch", SignalKind.EDA, T + 5, NOW)).as("forgotten for room").isEqualTo(TOO_LATE);
    assertThat(filter.check("alex", "watch", SignalKind.EDA, T + (n - 1) * 10L, NOW)).isEqualTo(DUPLICATE);
  }

  @Test
  void personsNotHeardFromForTheWindowAreForgotten() {
    filter.check("alex", "watch", SignalKind.HR, T, NOW);
    filter.check("sam", "watch", SignalKind.HR, T, NOW + 30 * 60_000);
    filter.check("alex", "watch", SignalKind.HR, T + 1000, NOW + 40 * 60_000);

    long later = NOW + 40 * 60_000 + WINDOW_MS;
    filter.evict(later);
    assertThat(filter.persons()).isEqualTo(1);
    assertThat(filter.check("alex", "watch", SignalKind.HR, T + 1000, later)).as("heard from last: still known")
        .isEqualTo(DUPLICATE);

    filter.evict(later + WINDOW_MS + 1);
    assertThat(filter.persons()).isZero();
    assertThat(filter.times()).isZero();
  }

  @Test
  void beyondTheBoundOnSeriesThePersonsHeardFromLeastRecentlyAreForgotten() {
    for (int i = 0; i <= DuplicateFilter.MAX_SERIES; i++) {
      filter.check("p" + i, "watch", SignalKind.HR, T, NOW);
    }
    filter.check("p0", "watch", SignalKind.HR, T + 1000, NOW);

    filter.evict(NOW);
    assertThat(filter.persons()).isEqualTo(DuplicateFilter.MAX_SERIES);
    assertThat(filter.check("p1", "watch", SignalKind.HR, T, NOW)).as("heard from least recently: forgotten")
        .isEqualTo(NEW);
    assertThat(filter.check("p0", "watch", SignalKind.HR, T, NOW)).isEqualTo(DUPLICATE);
  }

  private DuplicateFilter.Verdict hr(long time) {
    return filter.check("alex", "watch", SignalKind.HR, time, NOW);
  }
}
