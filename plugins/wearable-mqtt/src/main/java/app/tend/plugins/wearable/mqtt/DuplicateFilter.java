package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Recognises a sample delivered twice (QoS 1 re-delivers after a reconnect): per person, device and
 * kind it remembers the latest time and the last {@value #WINDOW} times. A time newer than the latest
 * is new (the usual case, no search); an older one is a duplicate if it is still in the window.
 * Samples older than the whole window pass: they are late, and a re-delivery is never that late.
 * Not thread-safe: used on the plugin's event loop only.
 */
final class DuplicateFilter {

  static final int WINDOW = 32;
  private static final int MAX_DEVICES = 200_000;

  private final Map<String, Map<String, History>> persons = new HashMap<>();
  private int devices;

  /** True if this (person, device, kind, time) was seen before; otherwise remembers it. */
  boolean seen(String person, String device, SignalKind kind, long time) {
    Map<String, History> byDevice = persons.get(person);
    if (byDevice == null) {
      byDevice = new HashMap<>();
      persons.put(person, byDevice);
    }
    History history = byDevice.get(device);
    if (history == null) {
      if (devices >= MAX_DEVICES) {
        persons.clear();
        devices = 0;
        byDevice = new HashMap<>();
        persons.put(person, byDevice);
      }
      history = new History();
      byDevice.put(device, history);
      devices++;
    }
    return history.seen(kind.ordinal(), time);
  }

  /** The recent times of one device, per kind, in rings created on first use. */
  private static final class History {
    private final long[][] rings = new long[SignalKind.values().length][];
    private final long[] latest = new long[SignalKind.values().length];
    private final int[] next = new int[SignalKind.values().length];

    boolean seen(int kind, long time) {
      long[] ring = rings[kind];
      if (ring == null) {
        ring = new long[WINDOW];
        java.util.Arrays.fill(ring, Long.MIN_VALUE);
        rings[kind] = ring;
        latest[kind] = Long.MIN_VALUE;
      }
      if (time <= latest[kind]) {
        for (long t : ring) {
          if (t == time) {
            return true;
          }
        }
      } else {
        latest[kind] = time;
      }
      ring[next[kind]] = time;
      next[kind] = (next[kind] + 1) % WINDOW;
      return false;
    }
  }
}
