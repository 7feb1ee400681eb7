package app.tend.hub.stress;

import app.tend.hub.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Logistic regression from baseline-normalised features to the probability of stress:
 * {@code p = 1 / (1 + exp(-(bias + sum(weights[i] * features[i]))))}, features in {@link Feature} order.
 * The shipped model ({@link #shipped()}) is fit by {@link ModelFitter} on all shipped recordings
 * ({@code tend evaluate DIR --write-model FILE}).
 *
 * @param features the feature keys, in {@link Feature} order
 * @param weights one weight per feature
 * @param bias the intercept
 * @param trainedOn what the model was fit on, for people reading the file
 */
public record StressModel(List<String> features, double[] weights, double bias, String trainedOn) {

  /** The resource the shipped model is read from. */
  public static final String RESOURCE = "stress-model.json";

  /** Checks that the model matches the engine's features. */
  public StressModel {
    List<String> expected = Arrays.stream(Feature.ALL).map(Feature::key).toList();
    if (!expected.equals(features)) {
      throw new IllegalArgumentException("model features " + features + " do not match the engine's " + expected);
    }
    if (weights.length != features.size() || !Double.isFinite(bias) || !Arrays.stream(weights).allMatch(Double::isFinite)) {
      throw new IllegalArgumentException("model needs one finite weight per feature and a finite bias");
    }
    weights = weights.clone();
    trainedOn = trainedOn == null ? "" : trainedOn;
  }

  /** The probability of stress for features in {@link Feature} order. */
  public double probability(double[] x) {
    double t = bias;
    for (int i = 0; i < weights.length; i++) {
      t += weights[i] * x[i];
    }
    return 1 / (1 + Math.exp(-t));
  }

  /** The weights; a copy. */
  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The model shipped with the hub. */
  public static StressModel shipped() {
    try (InputStream in = StressModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the shipped stress model " + RESOURCE + " is missing from the hub jar");
      }
      return Json.MAPPER.readValue(in, StressModel.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped stress model " + RESOURCE, e);
    }
  }
}
