package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Recognises a sample delivered twice. Per person, device and kind (a series) it remembers every sample
 * time within a window behind the series' newest ({@value #WINDOW_MS} ms with several connections, else
 * only the newest): a sample whose time is among them has been
 * seen, and so has one older than the window (a re-delivery from far behind, and too late for the stress
 * engine, which drops samples more than 5 s behind, anyway). Messages of one series may arrive out of
 * order within the window: with several connections on shared subscriptions the broker spreads one
 * series over them. A broker re-delivers after a reconnect the messages that were in flight, which are
 * a series' newest, so they fall inside the window. At most {@value #MAX_REMEMBERED} times are kept per
 * series (beyond that the oldest are forgotten early). Not thread-safe: used on the plugin's event loop only.
 */
final class DuplicateFilter {

  /** How far behind a series' newest sample times are remembered when messages may come out of order. */
  static final long WINDOW_MS = 10_000;
  /** The most times remembered per series. */
  static final int MAX_REMEMBERED = 1_024;

  private static final int MAX_DEVICES = 200_000;
  private static final int KINDS = SignalKind.values().length;

  private final Map<String, Map<String, Series[]>> persons = new HashMap<>();
  private final long windowMs;
  private int devices;

  /**
   * @param windowMs how far behind a series' newest sample times are remembered: {@link #WINDOW_MS} when
   *     messages of a series may come out of order (several connections), 0 when they come in order (then
   *     only the newest is kept, and anything not newer is seen)
   */
  DuplicateFilter(long windowMs) {
    this.windowMs = windowMs;
  }

  /** The filter for a plugin with this many connections: one keeps each series in order, several may not. */
  static DuplicateFilter forConnections(int connections) {
    return new DuplicateFilter(connections > 1 ? WINDOW_MS : 0);
  }

  /** True if this sample was seen (or is older than the window); otherwise remembers it. */
  boolean seen(String person, String device, SignalKind kind, long time) {
    Map<String, Series[]> byDevice = persons.get(person);
    if (byDevice == null) {
      byDevice = new HashMap<>();
      persons.put(person, byDevice);
    }
    Series[] series = byDevice.get(device);
    if (series == null) {
      if (devices >= MAX_DEVICES) {
        persons.clear();
        devices = 0;
        byDevice = new HashMap<>();
        persons.put(person, byDevice);
      }
      series = new Series[KINDS];
      byDevice.put(device, series);
      devices++;
    }
    Series times = series[kind.ordinal()];
    if (times == null) {
      times = new Series(windowMs);
      series[kind.ordinal()] = times;
    }
    return !times.add(time);
  }

  /** The sample times of one series within the window, ascending, in {@code times[start, start + size)}. */
  private static final class Series {
    private final long windowMs;
    private long[] times = new long[8];
    private int start;
    private int size;

    Series(long windowMs) {
      this.windowMs = windowMs;
    }

    /** Remembers the time; false when it was known or is older than the window. */
    boolean add(long time) {
      boolean newest = size == 0 || time > times[start + size - 1];
      if (!newest) {
        if (time < times[start + size - 1] - windowMs || Arrays.binarySearch(times, start, start + size, time) >= 0) {
          return false;
        }
      } else if (size > 0) {
        forgetBefore(time - windowMs);
      }
      if (size == MAX_REMEMBERED) {
        start++;
        size--;
      }
      // The usual case, a series' newest sample, goes at the end without a search.
      int at = newest ? start + size : -Arrays.binarySearch(times, start, start + size, time) - 1;
      if (start + size == times.length) {
        int offset = at - start;
        makeRoom();
        at = start + offset;
      }
      System.arraycopy(times, at, times, at + 1, start + size - at);
      times[at] = time;
      size++;
      return true;
    }

    private void forgetBefore(long oldest) {
      while (size > 0 && times[start] < oldest) {
        start++;
        size--;
      }
    }

    /** Moves the times to the front, growing the array when they fill more than half of it. */
    private void makeRoom() {
      long[] target = size >= times.length / 2 ? new long[Math.min(times.length * 2, MAX_REMEMBERED + 1)] : times;
      System.arraycopy(times, start, target, 0, size);
      times = target;
      start = 0;
    }
  }
}
