package app.tend.hub.stress;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.Sample;
import app.tend.api.message.StressState;
import app.tend.hub.bus.SampleConsumers;
import app.tend.hub.config.StressConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stress stage of the hub: one {@link StressEngine} per person, fed from {@link Addresses#SAMPLES} and
 * {@link Addresses#SAMPLE_BATCHES}; publishes each person's {@code StressState} on {@link Addresses#STRESS}
 * when the level changes and otherwise at most every {@code publishEverySeconds} of sample time. A person's
 * baseline is loaded from the store before their first sample is judged (the samples that arrive meanwhile
 * wait, in order), saved periodically and at stop; a person silent for {@code idleMinutes} is put away until
 * their next sample, so memory follows the persons wearing something, not every id ever heard.
 */
public final class StressService extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(StressService.class);
  /** Samples held per person while their baseline loads; a load takes milliseconds. */
  static final int MAX_HELD = 4_096;

  private final StressConfig config;
  private final StressModel model;
  private final BaselineStore store;
  private final Counter updates;
  private final Counter dropped;
  private final MeterRegistry meters;
  /** Samples of persons whose baseline is being loaded, in arrival order. */
  private final Map<String, List<Sample>> loading = new HashMap<>();
  private StressTracker tracker;
  private SampleConsumers consumer;
  private long saveTimer = -1;

  public StressService(StressConfig config, StressModel model, BaselineStore store, MeterRegistry meters) {
    this.config = config;
    this.model = model;
    this.store = store;
    this.meters = meters;
    this.updates = meters.counter(Meters.STRESS_UPDATES);
    this.dropped = meters.counter(Meters.STRESS_SAMPLES_DROPPED);
  }

  @Override
  public Future<?> start() {
    tracker = new StressTracker(config, model);
    Gauge.builder(Meters.STRESS_PERSONS, tracker, StressTracker::size).register(meters);
    FunctionCounter.builder(Meters.STRESS_SAMPLES_LATE, tracker, StressTracker::late).register(meters);
    log.info("Stress engine started; baselines come from {} as each person is heard", store);
    consumer = SampleConsumers.register(vertx.eventBus(), this::accept);
    long every = config.baselineSaveMinutes() * 60_000L;
    saveTimer = vertx.setPeriodic(every, every, id -> save().onFailure(e -> log.warn("Saving baselines failed", e)));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(saveTimer);
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.compose(ignored -> save());
  }

  /**
   * Forgets a person's engine and restored baseline, so no later save writes them back (their data is being
   * erased; the store deletes the saved rows).
   */
  public Future<Void> forget(String person) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> {
      if (tracker != null) {
        tracker.forget(person);
      }
      loading.remove(person);
      done.complete();
    });
    return done.future();
  }

  /** Saves baselines and puts idle persons away now, as the periodic save does. */
  Future<Void> saveNow() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> save().onComplete(done));
    return done.future();
  }

  private void accept(Sample sample) {
    String person = sample.person();
    if (tracker.has(person)) {
      judge(sample);
      return;
    }
    List<Sample> held = loading.get(person);
    if (held != null) {
      if (held.size() < MAX_HELD) {
        held.add(sample);
      } else {
        dropped.increment();
      }
      return;
    }
    held = new ArrayList<>();
    held.add(sample);
    loading.put(person, held);
    store.load(person)
        .recover(e -> {
          log.warn("Cannot load the stress baseline of {}; starting afresh: {}", person, e.getMessage());
          return Future.succeededFuture(Optional.empty());
        })
        .onSuccess(baseline -> {
          List<Sample> waiting = loading.remove(person);
          if (waiting == null) {
            return;
          }
          tracker.begin(person, baseline.orElse(null));
          waiting.forEach(this::judge);
        });
  }

  private void judge(Sample sample) {
    StressState state = tracker.accept(sample.person(), sample.kind(), sample.time().toEpochMilli(), sample.value());
    if (state != null) {
      vertx.eventBus().publish(Addresses.STRESS.name(), state);
      updates.increment();
    }
  }

  /** Saves every person's baseline, and puts away the engines of persons silent for {@code idleMinutes}. */
  private Future<Void> save() {
    if (tracker == null || tracker.size() == 0) {
      return Future.succeededFuture();
    }
    Map<String, BaselineSnapshot> baselines = tracker.baselines();
    int away = tracker.putAway(config.idleMinutes() * 60_000L);
    if (away > 0) {
      log.debug("Put away the stress engines of {} persons silent for {} minutes", away, config.idleMinutes());
    }
    return store.saveAll(baselines);
  }
}
