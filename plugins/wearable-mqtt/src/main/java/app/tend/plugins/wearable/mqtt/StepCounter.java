package app.tend.plugins.wearable.mqtt;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns a device's running step total (what BLE bands advertise) into steps since the previous
 * reading, as Tend's {@code steps} kind counts them.
 */
final class StepCounter {

  private static final int MAX_DEVICES = 100_000;

  private final Map<String, Long> totals = new HashMap<>();

  /**
   * The steps since this device's previous total, or -1 for the first total seen (nothing to compare
   * with yet). A total lower than the previous one means the device reset its count (at midnight, or
   * on restart): all of it is new.
   */
  long increment(String device, long total) {
    if (totals.size() >= MAX_DEVICES && !totals.containsKey(device)) {
      totals.clear();
    }
    Long previous = totals.put(device, total);
    if (previous == null) {
      return -1;
    }
    return total >= previous ? total - previous : total;
  }
}
