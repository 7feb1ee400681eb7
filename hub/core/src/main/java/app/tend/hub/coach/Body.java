package app.tend.hub.coach;

import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * One person's recent body signals, for measuring an exercise's effect: stress scores and heart rate
 * over the last {@code keep}. Heart rate is kept as 10-second means.
 */
final class Body {

  private record Point(Instant time, double value) {}

  private static final long HR_BUCKET_SECONDS = 10;

  private final Duration keep;
  private final Deque<Point> scores = new ArrayDeque<>();
  private final Deque<Point> heartRate = new ArrayDeque<>();
  private StressState latest;
  private long bucket = Long.MIN_VALUE;
  private double bucketSum;
  private int bucketCount;

  Body(Duration keep) {
    this.keep = keep;
  }

  void add(StressState state) {
    if (latest == null || !state.time().isBefore(latest.time())) {
      latest = state;
    }
    if (state.level() != StressLevel.UNKNOWN) {
      scores.addLast(new Point(state.time(), state.score()));
    }
    trim(scores, state.time());
  }

  void addHeartRate(Instant time, double bpm) {
    long b = time.getEpochSecond() / HR_BUCKET_SECONDS;
    if (b != bucket) {
      flushBucket();
      bucket = b;
    }
    bucketSum += bpm;
    bucketCount++;
    trim(heartRate, time);
  }

  private void flushBucket() {
    if (bucketCount > 0) {
      heartRate.addLast(new Point(Instant.ofEpochSecond(bucket * HR_BUCKET_SECONDS), bucketSum / bucketCount));
    }
    bucketSum = 0;
    bucketCount = 0;
  }

  /** The newest stress state, or null. */
  StressState latest() {
    return latest;
  }

  /** The mean stress score in {@code [from, to]}. */
  OptionalDouble meanScore(Instant from, Instant to) {
    return mean(scores, from, to);
  }

  /** The mean heart rate in {@code [from, to]}. */
  OptionalDouble meanHeartRate(Instant from, Instant to) {
    flushBucket();
    bucket = Long.MIN_VALUE;
    return mean(heartRate, from, to);
  }

  private static OptionalDouble mean(Deque<Point> points, Instant from, Instant to) {
    return points.stream()
        .filter(p -> !p.time.isBefore(from) && !p.time.isAfter(to))
        .mapToDouble(Point::value)
        .average();
  }

  private void trim(Deque<Point> points, Instant now) {
    Instant oldest = now.minus(keep);
    while (!points.isEmpty() && points.peekFirst().time.isBefore(oldest)) {
      points.removeFirst();
    }
  }
}
