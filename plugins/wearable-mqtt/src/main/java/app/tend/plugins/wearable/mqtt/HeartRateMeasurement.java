package app.tend.plugins.wearable.mqtt;

import java.util.List;

/**
 * One Bluetooth Heart Rate Measurement notification (characteristic 0x2A37), decoded.
 *
 * @param heartRate beats per minute
 * @param contactSupported whether the sensor reports skin contact at all
 * @param contactDetected whether it reported contact (meaningful only when supported)
 * @param energyExpendedKj cumulative energy expended in kilojoules, or -1 when not present
 * @param rrMillis the RR intervals in the notification, oldest first, in milliseconds
 */
record HeartRateMeasurement(
    int heartRate, boolean contactSupported, boolean contactDetected, int energyExpendedKj, List<Double> rrMillis) {

  HeartRateMeasurement {
    rrMillis = List.copyOf(rrMillis);
  }

  /** True when the sensor says it is not touching the skin, so the values mean nothing. */
  boolean noContact() {
    return contactSupported && !contactDetected;
  }
}
