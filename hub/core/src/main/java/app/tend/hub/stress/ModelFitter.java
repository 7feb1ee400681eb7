package app.tend.hub.stress;

import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link StressModel}: L2-regularised logistic regression by Newton's method, each person's stress
 * and rest seconds weighted to count equally (so no person and no class dominates). Activity seconds the
 * engine did not already call ACTIVE (standing up, the first steps) are also "not stress", at a fifth of
 * that weight: enough to teach that a raised heart rate without a skin-conductance response is no stress,
 * without letting exertion shape the model.
 */
public final class ModelFitter {

  private static final double L2 = 1.0;
  private static final int ITERATIONS = 25;
  private static final double ACTIVITY_WEIGHT = 0.2;

  private ModelFitter() {}

  /**
   * One person's training seconds.
   *
   * @param person the person
   * @param features one row of {@link Feature#ALL} values per second
   * @param stress true for a stress second, false for a rest or activity second
   * @param activity true for an activity second
   */
  public record PersonData(String person, double[][] features, boolean[] stress, boolean[] activity) {}

  /** Fits on every person in {@code data} except {@code leaveOut} (null: all). */
  public static StressModel fit(List<PersonData> data, String leaveOut, String trainedOn) {
    int d = Feature.ALL.length + 1;
    double[] beta = new double[d];
    double[] x = new double[d];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int j = 0; j < d - 1; j++) {
        gradient[j] = L2 * beta[j];
        hessian[j][j] = L2;
      }
      for (PersonData person : data) {
        if (person.person().equals(leaveOut)) {
          continue;
        }
        long positives = 0;
        long active = 0;
        for (int r = 0; r < person.stress().length; r++) {
          positives += person.stress()[r] ? 1 : 0;
          active += person.activity()[r] ? 1 : 0;
        }
        long negatives = person.stress().length - positives - active;
        double wPos = positives == 0 ? 0 : 1000.0 / positives;
        double wNeg = negatives == 0 ? 0 : 1000.0 / negatives;
        double wActive = active == 0 ? 0 : ACTIVITY_WEIGHT * 1000.0 / active;
        for (int r = 0; r < person.features().length; r++) {
          double[] row = person.features()[r];
          System.arraycopy(row, 0, x, 0, d - 1);
          x[d - 1] = 1;
          boolean y = person.stress()[r];
          double t = 0;
          for (int j = 0; j < d; j++) {
            t += beta[j] * x[j];
          }
          double p = 1 / (1 + Math.exp(-t));
          double w = y ? wPos : person.activity()[r] ? wActive : wNeg;
          double g = w * (p - (y ? 1 : 0));
          double h = w * p * (1 - p);
          for (int j = 0; j < d; j++) {
            gradient[j] += g * x[j];
            for (int k = 0; k <= j; k++) {
              hessian[j][k] += h * x[j] * x[k];
            }
          }
        }
      }
      for (int j = 0; j < d; j++) {
        for (int k = j + 1; k < d; k++) {
          hessian[j][k] = hessian[k][j];
        }
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int j = 0; j < d; j++) {
        beta[j] -= step[j];
        change = Math.max(change, Math.abs(step[j]));
      }
      if (change < 1e-7) {
        break;
      }
    }
    List<String> keys = Arrays.stream(Feature.ALL).map(Feature::key).toList();
    return new StressModel(keys, Arrays.copyOf(beta, d - 1), beta[d - 1], trainedOn);
  }

  /** Solves {@code a x = b} for a small symmetric positive definite {@code a} (Cholesky). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (sum <= 0) {
            throw new IllegalStateException("the training data do not determine the model (matrix not positive definite)");
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i][k] * y[k];
      }
      y[i] = sum / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k][i] * x[k];
      }
      x[i] = sum / l[i][i];
    }
    return x;
  }
}
