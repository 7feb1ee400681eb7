package app.tend.hub.api;

import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's stress over a span, at most a given number of points: stored states grouped into equal
 * time buckets, each the mean score and heart rate of its states and the level of its most stressed one.
 */
final class StressHistory {

  /**
   * One point.
   *
   * @param time the mean time of the states it stands for
   * @param score the mean score, rounded
   * @param level the level of the state with the highest score
   * @param hr the mean heart rate in bpm of the states that carry one, else null
   * @param states how many stored states it stands for
   */
  record Point(Instant time, int score, StressLevel level, Double hr, int states) {}

  /**
   * The answer of {@code GET /api/persons/{person}/stress/history}.
   *
   * @param bucketSeconds the width of one point's bucket; 0 when every state is its own point
   */
  record History(String person, Instant from, Instant to, long bucketSeconds, List<Point> points) {}

  private StressHistory() {}

  /** Groups {@code states} (oldest first, all in {@code [from, to)}) into at most {@code maxPoints} points. */
  static History of(String person, Instant from, Instant to, List<StressState> states, int maxPoints) {
    if (states.size() <= maxPoints) {
      return new History(person, from, to, 0, states.stream().map(s -> new Point(s.time(), s.score(), s.level(),
          s.heartRate(), 1)).toList());
    }
    long span = Duration.between(from, to).toMillis();
    long bucket = Math.max(1, (span + maxPoints - 1) / maxPoints);
    List<Point> points = new ArrayList<>();
    int i = 0;
    while (i < states.size()) {
      long index = (states.get(i).time().toEpochMilli() - from.toEpochMilli()) / bucket;
      int j = i;
      long timeSum = 0;
      double scoreSum = 0;
      double hrSum = 0;
      int hrCount = 0;
      StressState worst = states.get(i);
      while (j < states.size() && (states.get(j).time().toEpochMilli() - from.toEpochMilli()) / bucket == index) {
        StressState s = states.get(j);
        timeSum += s.time().toEpochMilli() - from.toEpochMilli();
        scoreSum += s.score();
        if (s.heartRate() != null) {
          hrSum += s.heartRate();
          hrCount++;
        }
        if (s.score() > worst.score()) {
          worst = s;
        }
        j++;
      }
      int n = j - i;
      points.add(new Point(from.plusMillis(timeSum / n), (int) Math.round(scoreSum / n), worst.level(),
          hrCount == 0 ? null : Math.round(hrSum / hrCount * 10) / 10.0, n));
      i = j;
    }
    return new History(person, from, to, bucket / 1000, points);
  }
}
