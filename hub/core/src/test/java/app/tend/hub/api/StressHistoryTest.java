package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StressHistoryTest {

  private static final Instant FROM = Instant.parse("2026-11-26T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(1));

  @Test
  void aDayOfMinutesFitsInTheAskedPointsWithoutHeartRateWhenNoneWasCarried() {
    List<StressState> states = new ArrayList<>();
    for (int minute = 0; minute < 24 * 60; minute++) {
      states.add(new StressState("ana", FROM.plus(Duration.ofMinutes(minute)), minute % 100, StressLevel.CALM, 1, Map.of(), ""));
    }

    StressHistory.History history = StressHistory.of("ana", FROM, TO, states, 300);

    assertThat(history.points()).hasSizeLessThanOrEqualTo(300);
    assertThat(history.points().stream().mapToInt(StressHistory.Point::states).sum()).isEqualTo(24 * 60);
    assertThat(history.points()).allSatisfy(p -> assertThat(p.hr()).isNull());
    assertThat(history.points()).isSortedAccordingTo(java.util.Comparator.comparing(StressHistory.Point::time));
  }

  @Test
  void fewStatesAreKeptAsTheyAre() {
    StressState one = new StressState("ana", FROM.plusSeconds(5), 40, StressLevel.ELEVATED, 1, Map.of(StressState.HEART_RATE, 88.0), "");

    StressHistory.History history = StressHistory.of("ana", FROM, TO, List.of(one), 300);

    assertThat(history.bucketSeconds()).isZero();
    assertThat(history.points()).containsExactly(new StressHistory.Point(one.time(), 40, StressLevel.ELEVATED, 88.0, 1));
  }
}
