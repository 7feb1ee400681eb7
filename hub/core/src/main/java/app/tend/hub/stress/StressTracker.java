package app.tend.hub.stress;

import app.tend.api.message.SignalKind;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.config.StressConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link StressEngine} per person and the rule for when a person's state is worth publishing: when
 * its level changes, otherwise at most every {@code publishEverySeconds} of sample time. Shared by the
 * {@link StressService} and the {@code replay} tool, so both say the same. Persons not heard from for a while
 * can be put away ({@link #putAway}), so memory follows the persons wearing something, not every id ever heard.
 * Not thread-safe: one owner feeds it.
 */
public final class StressTracker {

  private final StressConfig config;
  private final StressModel model;
  private final Map<String, Person> persons = new HashMap<>();
  private long newestMs = Long.MIN_VALUE;
  private long late;

  /** One person's engine and what was last published for them. */
  private static final class Person {
    final StressEngine engine;
    StressLevel publishedLevel;
    long publishedSecond = Long.MIN_VALUE;
    long lastMs = Long.MIN_VALUE;

    Person(StressEngine engine) {
      this.engine = engine;
    }
  }

  public StressTracker(StressConfig config, StressModel model) {
    this.config = config;
    this.model = model;
  }

  /** True when the person has an engine (else their first sample starts one afresh, or see {@link #begin}). */
  public boolean has(String person) {
    return persons.containsKey(person);
  }

  /** Starts a person's engine from their stored baseline (null: afresh), replacing any they had. */
  public void begin(String person, BaselineSnapshot baseline) {
    Person p = new Person(new StressEngine(person, model, config));
    if (baseline != null) {
      p.engine.restore(baseline);
    }
    persons.put(person, p);
  }

  /**
   * Feeds one sample to the person's engine.
   *
   * @return the state to publish, or null when nothing is due
   */
  public StressState accept(String person, SignalKind kind, long timeMs, double value) {
    Person p = persons.get(person);
    if (p == null) {
      begin(person, null);
      p = persons.get(person);
    }
    if (timeMs > p.lastMs) {
      p.lastMs = timeMs;
      newestMs = Math.max(newestMs, timeMs);
    }
    StressEngine engine = p.engine;
    long lateBefore = engine.late();
    if (!engine.accept(kind, timeMs, value)) {
      late += engine.late() - lateBefore;
      return null;
    }
    long second = engine.judgedSecond();
    if (engine.level() == p.publishedLevel && second - p.publishedSecond < config.publishEverySeconds()) {
      return null;
    }
    p.publishedLevel = engine.level();
    p.publishedSecond = second;
    return engine.state();
  }

  /** Every person's baseline, for saving. */
  public Map<String, BaselineSnapshot> baselines() {
    Map<String, BaselineSnapshot> snapshots = new LinkedHashMap<>();
    persons.forEach((id, person) -> snapshots.put(id, person.engine.baseline()));
    return snapshots;
  }

  /**
   * Drops the engines of persons whose latest sample is more than {@code idleMs} behind the newest sample of
   * anyone (save their {@link #baselines} first), and returns how many.
   */
  public int putAway(long idleMs) {
    int before = persons.size();
    persons.values().removeIf(p -> newestMs - p.lastMs > idleMs);
    return before - persons.size();
  }

  /** Drops a person's engine: the next sample starts them afresh. */
  public void forget(String person) {
    persons.remove(person);
  }

  /** Samples their engine left out for coming more than {@link StressEngine#MAX_LATE_SECONDS} s late, ever. */
  public long late() {
    return late;
  }

  /** How many persons have an engine. */
  public int size() {
    return persons.size();
  }
}
