package app.tend.api.message;

import java.time.Instant;

/**
 * One measurement from a wearable, as published on {@code tend.samples}.
 *
 * @param person the person wearing the device ({@code [a-z0-9_-]{1,64}})
 * @param device the device id as the source knows it (a MAC, a name), never blank
 * @param kind what was measured; {@code value} is in {@link SignalKind#unit()}
 * @param time when it was measured
 * @param value the measured value, a finite number
 */
public record Sample(String person, String device, SignalKind kind, Instant time, double value) {

  /** Checks every component. */
  public Sample {
    Checks.person(person);
    Checks.notBlank(device, "device");
    Checks.notNull(kind, "kind");
    Checks.notNull(time, "time");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be a finite number, got " + value);
    }
  }
}
