package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.SignalKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

  private static final long T = 1_700_000_000_000L;

  private final DuplicateFilter filter = new DuplicateFilter(DuplicateFilter.WINDOW_MS);

  @Test
  void samplesShuffledWithinTheWindowAreEachKeptOnceAndEveryRepeatIsDropped() {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < DuplicateFilter.MAX_REMEMBERED; i++) {
      times.add(T + i * 4L); // 4 s of a 250 Hz series
    }
    Collections.shuffle(times, new Random(3));

    assertThat(times).allSatisfy(time -> assertThat(filter.seen("alex", "watch", SignalKind.EDA, time)).isFalse());
    assertThat(times).allSatisfy(time -> assertThat(filter.seen("alex", "watch", SignalKind.EDA, time)).isTrue());
  }

  @Test
  void aSampleOlderThanTheWindowIsTakenForARedelivery() {
    assertThat(filter.seen("alex", "watch", SignalKind.HR, T)).isFalse();
    assertThat(filter.seen("alex", "watch", SignalKind.HR, T + DuplicateFilter.WINDOW_MS + 1_000)).isFalse();

    assertThat(filter.seen("alex", "watch", SignalKind.HR, T + 500)).isTrue();
    assertThat(filter.seen("alex", "watch", SignalKind.HR, T + 2_000)).isFalse();
  }

  @Test
  void withOneConnectionASampleNotNewerThanTheNewestIsSeen() {
    DuplicateFilter inOrder = DuplicateFilter.forConnections(1);

    assertThat(inOrder.seen("alex", "watch", SignalKind.HR, T)).isFalse();
    assertThat(inOrder.seen("alex", "watch", SignalKind.HR, T + 2_000)).isFalse();
    assertThat(inOrder.seen("alex", "watch", SignalKind.HR, T + 1_000)).isTrue();
    assertThat(inOrder.seen("alex", "watch", SignalKind.HR, T + 2_000)).isTrue();
    assertThat(inOrder.seen("alex", "watch", SignalKind.HR, T + 3_000)).isFalse();
  }

  @Test
  void seriesAreKeptApartByPersonDeviceAndKind() {
    assertThat(filter.seen("alex", "watch", SignalKind.HR, T)).isFalse();
    assertThat(filter.seen("alex", "watch", SignalKind.RR, T)).isFalse();
    assertThat(filter.seen("alex", "ring", SignalKind.HR, T)).isFalse();
    assertThat(filter.seen("sam", "watch", SignalKind.HR, T)).isFalse();
    assertThat(filter.seen("alex", "watch", SignalKind.HR, T)).isTrue();
  }

  @Test
  void aLongSteadySeriesKeepsOnlyItsWindow() {
    for (int i = 0; i < 100_000; i++) {
      assertThat(filter.seen("alex", "watch", SignalKind.RR, T + i * 100L)).isFalse();
    }
    assertThat(filter.seen("alex", "watch", SignalKind.RR, T + 99_999 * 100L - 5_000)).isTrue();
    assertThat(filter.seen("alex", "watch", SignalKind.RR, T + 99_999 * 100L - 5_050)).isFalse();
  }
}
