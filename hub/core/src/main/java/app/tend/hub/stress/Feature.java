package app.tend.hub.stress;

/**
 * The engine's features, each compared with the person's own calm baseline. The model sees every feature
 * as a z value (how many baseline spreads away from the calm centre); a missing signal counts as calm (0).
 */
public enum Feature {
  /** Heart rate, 30-second mean, bpm. */
  HR("hrZ", 5.0),
  /** Skin conductance level, ln(EDA + 0.05) of the 10-second mean. */
  EDA("edaZ", 0.25),
  /** Skin-conductance responses per minute over the last minute. */
  SCR("scrZ", 1.0),
  /** Change of the skin conductance level over the last minute. */
  EDA_SLOPE("edaSlopeZ", 0.05),
  /** ln RMSSD of clean adjacent RR intervals over the last minute. */
  HRV("hrvZ", 0.25),
  /** Change of skin temperature over two minutes, degrees Celsius. */
  TEMP_SLOPE("tempSlopeZ", 0.1);

  /** Every feature, in the order of model weights and feature arrays. */
  static final Feature[] ALL = values();

  private final String key;
  private final double priorSpread;

  Feature(String key, double priorSpread) {
    this.key = key;
    this.priorSpread = priorSpread;
  }

  /** The name in {@code StressState.features()} and the model file, e.g. {@code hrZ}. */
  public String key() {
    return key;
  }

  /** The spread assumed before the person's own is known (cold start), in the raw feature's unit. */
  double priorSpread() {
    return priorSpread;
  }
}
