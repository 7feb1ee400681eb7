package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Recognises a sample delivered twice. MQTT keeps the order of QoS 1 messages on a topic, and a
 * re-delivery after a reconnect repeats messages already handed over, so per person, device and kind
 * a sample not newer than the newest one seen has been seen: it is dropped. (A window of recent times
 * is not enough: a broker re-delivers every unacknowledged message in flight, up to its in-flight limit.)
 * Samples of one kind from one device must therefore arrive in time order, as wearables send them.
 * Not thread-safe: used on the plugin's event loop only.
 */
final class DuplicateFilter {

  private static final int MAX_DEVICES = 200_000;

  private final Map<String, Map<String, long[]>> persons = new HashMap<>();
  private int devices;

  /** True if a sample of this person, device and kind at or after this time was seen; otherwise remembers it. */
  boolean seen(String person, String device, SignalKind kind, long time) {
    Map<String, long[]> byDevice = persons.get(person);
    if (byDevice == null) {
      byDevice = new HashMap<>();
      persons.put(person, byDevice);
    }
    long[] newest = byDevice.get(device);
    if (newest == null) {
      if (devices >= MAX_DEVICES) {
        persons.clear();
        devices = 0;
        byDevice = new HashMap<>();
        persons.put(person, byDevice);
      }
      newest = new long[SignalKind.values().length];
      java.util.Arrays.fill(newest, Long.MIN_VALUE);
      byDevice.put(device, newest);
      devices++;
    }
    int k = kind.ordinal();
    if (time <= newest[k]) {
      return true;
    }
    newest[k] = time;
    return false;
  }
}
