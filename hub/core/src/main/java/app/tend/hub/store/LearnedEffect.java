package app.tend.hub.store;

import java.time.Instant;

/**
 * What the coach has measured of one exercise for one person: the change of the stress score from
 * before to after, summarised with Welford's running mean and sum of squared deviations.
 *
 * @param person the person
 * @param exerciseId the exercise
 * @param count how many outcomes were measured
 * @param mean the mean change (negative: stress went down)
 * @param m2 the sum of squared deviations from the mean
 * @param updatedAt when the last outcome was added
 */
public record LearnedEffect(String person, String exerciseId, int count, double mean, double m2, Instant updatedAt) {

  /** Nothing measured yet. */
  public static LearnedEffect none(String person, String exerciseId) {
    return new LearnedEffect(person, exerciseId, 0, 0, 0, Instant.EPOCH);
  }

  /** This effect with one more measured change. */
  public LearnedEffect plus(double change, Instant at) {
    int n = count + 1;
    double delta = change - mean;
    double newMean = mean + delta / n;
    return new LearnedEffect(person, exerciseId, n, newMean, m2 + delta * (change - newMean), at);
  }

  /** The sample standard deviation of the changes, or NaN with fewer than two. */
  public double sd() {
    return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1));
  }
}
