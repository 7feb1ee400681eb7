package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tells a sample seen before from a late one. A duplicate is the same sample again: the same person, device,
 * kind (a series) and time as one already taken, as a QoS 1 re-delivery is. Per series it remembers every time
 * taken within a window behind the series' newest ({@link SeenTimes}), so a sample that comes late, e.g. a
 * wearable's backlog sent after its newest sample, is taken if it is new; a sample older than the window cannot
 * be told from a re-delivery any more and is {@link Verdict#TOO_LATE}. Order is not assumed: shared
 * subscriptions spread a series over connections, and a wearable may send its newest sample first.
 *
 * <p>Memory is bounded: a series keeps at most {@value #MAX_PER_SERIES} times (beyond that its oldest chunk is
 * forgotten, and times up to it are too late); a person none of whose samples arrived for the window's length
 * (by the hub's clock) is forgotten at the next {@link #evict}, and so are the persons heard from least recently
 * while more than {@value #MAX_TIMES} times or {@value #MAX_SERIES} series are kept. Not thread-safe: used on the
 * plugin's event loop (and while loading, before it starts).
 */
final class DuplicateFilter {

  /** What a sample is. */
  enum Verdict {
    /** Not seen before: taken, and remembered. */
    NEW,
    /** Taken before: the same series and time. */
    DUPLICATE,
    /** Older than the window behind its series' newest, or than what the series still remembers. */
    TOO_LATE
  }

  /** Told of each sample taken, in the order they were taken. */
  interface Recorder {
    Recorder NONE = (series, time) -> {};

    void taken(Series series, long time);
  }

  /** The most times remembered per series: an hour at 18 Hz. */
  static final int MAX_PER_SERIES = 65_536;
  /** The most times remembered over all series (a few bytes each at most). */
  static final long MAX_TIMES = 16_777_216;
  /** The most series remembered. */
  static final int MAX_SERIES = 200_000;

  private static final int KINDS = SignalKind.values().length;

  /** One person, device and kind: the times taken, and where {@link SeenJournal} is with it. */
  static final class Series {
    final String person;
    final String device;
    final SignalKind kind;
    final SeenTimes times = new SeenTimes();
    /** Times before this were forgotten to make room: they can no longer be told from a re-delivery. */
    long horizon = Long.MIN_VALUE;
    /** The series' number in the journal file, -1 before it is written there; see {@link SeenJournal}. */
    int journalId = -1;
    /** The time the journal's next entry for this series is written relative to. */
    long journalTime;

    Series(String person, String device, SignalKind kind) {
      this.person = person;
      this.device = device;
      this.kind = kind;
    }
  }

  private static final class Person {
    long heardMillis;
    final Map<String, Series[]> devices = new HashMap<>(2);
  }

  private final long windowMs;
  /** Least recently heard first. */
  private final LinkedHashMap<String, Person> persons = new LinkedHashMap<>(16, 0.75f, true);
  private final long[] scratch = new long[SeenTimes.CHUNK + 1];
  private Recorder recorder = Recorder.NONE;
  private long times;
  private int series;

  /** @param windowMs how far behind its series' newest a sample may come and still be taken */
  DuplicateFilter(long windowMs) {
    this.windowMs = windowMs;
  }

  /** Who is told of each sample taken from now on. */
  void recorder(Recorder recorder) {
    this.recorder = recorder;
  }

  /**
   * Checks a sample that arrived at {@code nowMillis} (the hub's clock) and remembers it if it is new.
   *
   * @return {@link Verdict#NEW} if it is taken
   */
  Verdict check(String person, String device, SignalKind kind, long time, long nowMillis) {
    Series s = series(person, device, kind, nowMillis);
    Verdict verdict = take(s, time);
    if (verdict == Verdict.NEW) {
      recorder.taken(s, time);
    }
    return verdict;
  }

  /** The series, made if new, for loading what was kept; the person counts as heard from at {@code nowMillis}. */
  Series restored(String person, String device, SignalKind kind, long nowMillis) {
    return series(person, device, kind, nowMillis);
  }

  /** Remembers a time that was taken before the hub restarted; the recorder is not told. */
  void restore(Series s, long time) {
    take(s, time);
  }

  /** Forgets the persons not heard from for the window's length, then the least recent while over the bounds. */
  void evict(long nowMillis) {
    Iterator<Person> eldest = persons.values().iterator();
    while (eldest.hasNext()) {
      Person p = eldest.next();
      if (nowMillis - p.heardMillis <= windowMs && times <= MAX_TIMES && series <= MAX_SERIES) {
        return;
      }
      for (Series[] kinds : p.devices.values()) {
        for (Series s : kinds) {
          if (s != null) {
            times -= s.times.size();
            series--;
          }
        }
      }
      eldest.remove();
    }
  }

  /** Every series remembered. */
  void forEachSeries(Consumer<Series> action) {
    for (Person p : persons.values()) {
      for (Series[] kinds : p.devices.values()) {
        for (Series s : kinds) {
          if (s != null) {
            action.accept(s);
          }
        }
      }
    }
  }

  /** How many persons are remembered. */
  int persons() {
    return persons.size();
  }

  /** How many times are remembered, over all series. */
  long times() {
    return times;
  }

  private Series series(String person, String device, SignalKind kind, long nowMillis) {
    Person p = persons.get(person);
    if (p == null) {
      p = new Person();
      persons.put(person, p);
    }
    p.heardMillis = nowMillis;
    Series[] kinds = p.devices.get(device);
    if (kinds == null) {
      kinds = new Series[KINDS];
      p.devices.put(device, kinds);
    }
    Series s = kinds[kind.ordinal()];
    if (s == null) {
      s = new Series(person, device, kind);
      kinds[kind.ordinal()] = s;
      series++;
    }
    return s;
  }

  private Verdict take(Series s, long time) {
    SeenTimes seen = s.times;
    int before = seen.size();
    if (seen.isEmpty() || time > seen.newest()) {
      seen.add(time, scratch);
      seen.forgetBefore(time - windowMs);
    } else if (time < seen.newest() - windowMs || time < s.horizon) {
      return Verdict.TOO_LATE;
    } else if (!seen.add(time, scratch)) {
      return Verdict.DUPLICATE;
    }
    if (seen.size() > MAX_PER_SERIES) {
      s.horizon = seen.dropOldest() + 1;
    }
    times += seen.size() - before;
    return Verdict.NEW;
  }
}
