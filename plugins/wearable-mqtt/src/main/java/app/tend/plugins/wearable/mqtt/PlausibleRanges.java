package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;

/**
 * The values a body (and a wrist sensor on it) can plausibly produce, per kind; anything outside is a
 * sensor fault or a unit mix-up and is dropped as {@code out_of_range}.
 */
final class PlausibleRanges {

  /** The lowest plausible value of the kind, in its unit. */
  static double min(SignalKind kind) {
    return switch (kind) {
      case HR -> 25;
      case RR -> 250;
      case EDA -> 0;
      case SKIN_TEMP -> 15;
      case MOTION -> 0;
      case STEPS -> 0;
      case SPO2 -> 50;
    };
  }

  /** The highest plausible value of the kind, in its unit. */
  static double max(SignalKind kind) {
    return switch (kind) {
      case HR -> 240;
      case RR -> 2500;
      case EDA -> 100;
      case SKIN_TEMP -> 45;
      case MOTION -> 16;
      case STEPS -> 100_000;
      case SPO2 -> 100;
    };
  }

  static boolean contains(SignalKind kind, double value) {
    return value >= min(kind) && value <= max(kind);
  }

  private PlausibleRanges() {}
}
