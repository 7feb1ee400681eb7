package app.tend.api.message;

import java.util.Optional;

/**
 * What a {@link Sample} measures, with its unit; the wire names match the recording format
 * ({@code ../shared/docs/recording-format.md}) and Tend's MQTT topics.
 */
public enum SignalKind {
  /** Heart rate in beats per minute. */
  HR("hr", "bpm"),
  /** One inter-beat (RR) interval in milliseconds. */
  RR("rr", "ms"),
  /** Electrodermal activity (skin conductance) in microsiemens. */
  EDA("eda", "uS"),
  /** Skin temperature in degrees Celsius. */
  SKIN_TEMP("skin_temp", "C"),
  /** Motion: standard deviation of the acceleration magnitude over one second, in g. */
  MOTION("motion", "g"),
  /** Steps since the previous steps sample. */
  STEPS("steps", "count"),
  /** Blood oxygen saturation in percent. */
  SPO2("spo2", "%");

  private final String wireName;
  private final String unit;

  SignalKind(String wireName, String unit) {
    this.wireName = wireName;
    this.unit = unit;
  }

  /** The name used on MQTT topics and in recordings, e.g. {@code skin_temp}. */
  public String wireName() {
    return wireName;
  }

  /** The unit of the sample value. */
  public String unit() {
    return unit;
  }

  /** The kind with this wire name, if there is one. */
  public static Optional<SignalKind> fromWireName(String name) {
    for (SignalKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
