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
 * {@link StressService} and the {@code replay} tool, so both say the same. Not thread-safe: one owner feeds it.
 */
public final class StressTracker {

  private final StressConfig config;
  private final StressModel model;
  private final Map<String, BaselineSnapshot> stored;
  private final Map<String, Person> persons = new HashMap<>();

  /** One person's engine and what was last published for them. */
  private static final class Person {
    final StressEngine engine;
    StressLevel publishedLevel;
    long publishedSecond = Long.MIN_VALUE;

    Person(StressEngine engine) {
      this.engine = engine;
    }
  }

  /**
   * @param stored baselines to restore, by person, when a person's first sample arrives
   */
  public StressTracker(StressConfig config, StressModel model, Map<String, BaselineSnapshot> stored) {
    this.config = config;
    this.model = model;
    this.stored = new HashMap<>(stored);
  }

  /**
   * Feeds one sample to the person's engine.
   *
   * @return the state to publish, or null when nothing is due
   */
  public StressState accept(String person, SignalKind kind, long timeMs, double value) {
    Person p = persons.get(person);
    if (p == null) {
      p = new Person(new StressEngine(person, model, config));
      BaselineSnapshot snapshot = stored.get(person);
      if (snapshot != null) {
        p.engine.restore(snapshot);
      }
      persons.put(person, p);
    }
    StressEngine engine = p.engine;
    if (!engine.accept(kind, timeMs, value)) {
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

  /** Drops a person's engine and restored baseline: the next sample starts them afresh. */
  public void forget(String person) {
    persons.remove(person);
    stored.remove(person);
  }

  /** How many persons have an engine. */
  public int size() {
    return persons.size();
  }
}
