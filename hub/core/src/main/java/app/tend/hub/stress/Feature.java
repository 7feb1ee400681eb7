package app.tend.hub.stress;

/**
 * The engine's features, each compared with the person's own calm baseline. The model sees every feature
 * as a z value (how many baseline spreads away from the calm centre), bounded so that no single signal, an
 * artefact or a lasting confounder, can decide alone; a missing signal counts as calm (0). Only the
 * direction that goes with stress gets room: up for heart rate and skin conductance, down for HRV.
 */
public enum Feature {
  /** Heart rate, 30-second mean, bpm. */
  HR("hrZ", 5.0, -1, 2.5),
  /** Skin conductance level, ln(EDA + 0.05) of the 10-second mean. */
  EDA("edaZ", 0.25, -1, 2.5),
  /** Skin-conductance responses per minute over the last minute. */
  SCR("scrZ", 1.0, -1, 2.5),
  /** Change of the skin conductance level over the last minute. */
  EDA_SLOPE("edaSlopeZ", 0.05, -1, 2.5),
  /** ln RMSSD of clean adjacent RR intervals over the last minute. */
  HRV("hrvZ", 0.25, -2.5, 1),
  /** Change of skin temperature over two minutes, degrees Celsius. */
  TEMP_SLOPE("tempSlopeZ", 0.1, -2.5, 2.5),
  // Longer context, from 10-second blocks: where skin conductance stands in its own range of the last ten
  // minutes. Stress lifts it above the recent low; rest after stress lets it fall back from the recent high
  // although the level stays raised. Either direction may matter, so both get room.
  /** ln EDA above its lowest 10-second block of the last 10 minutes. */
  EDA_RISE("edaRiseZ", 0.1, -2.5, 2.5),
  /** ln EDA relative to its highest 10-second block of the last 10 minutes (0 or below). */
  EDA_FALL("edaFallZ", 0.1, -2.5, 2.5),
  /** Change of ln EDA over three minutes. */
  EDA_TREND("edaTrendZ", 0.08, -2.5, 2.5),
  /** Heart rate relative to its highest 10-second block of the last 5 minutes, bpm. */
  HR_FALL("hrFallZ", 3, -2.5, 2.5),
  /** Change of heart rate over five minutes, bpm. */
  HR_TREND("hrTrendZ", 3, -2.5, 2.5),
  /** Skin-conductance responses in the last minute above their rate over the last ten, per minute. */
  SCR_SURGE("scrSurgeZ", 1, -2.5, 2.5);

  /** Every feature, in the order of model weights and feature arrays. */
  static final Feature[] ALL = values();

  private final String key;
  private final double priorSpread;
  private final double minZ;
  private final double maxZ;

  Feature(String key, double priorSpread, double minZ, double maxZ) {
    this.key = key;
    this.priorSpread = priorSpread;
    this.minZ = minZ;
    this.maxZ = maxZ;
  }

  /** {@code z} within this feature's bounds. */
  double bound(double z) {
    return Math.max(minZ, Math.min(maxZ, z));
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
