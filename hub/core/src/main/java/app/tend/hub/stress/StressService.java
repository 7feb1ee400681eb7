package app.tend.hub.stress;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.Sample;
import app.tend.api.message.StressState;
import app.tend.hub.bus.SampleConsumers;
import app.tend.hub.config.StressConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stress stage of the hub: one {@link StressEngine} per person, fed from {@link Addresses#SAMPLES} and
 * {@link Addresses#SAMPLE_BATCHES}; publishes each person's {@code StressState} on {@link Addresses#STRESS}
 * when the level changes and otherwise at most every {@code publishEverySeconds} of sample time. Baselines
 * are loaded from the store at start and saved periodically and at stop.
 */
public final class StressService extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(StressService.class);

  private final StressConfig config;
  private final StressModel model;
  private final BaselineStore store;
  private final Counter updates;
  private StressTracker tracker;
  private SampleConsumers consumer;
  private long saveTimer = -1;

  public StressService(StressConfig config, StressModel model, BaselineStore store, MeterRegistry meters) {
    this.config = config;
    this.model = model;
    this.store = store;
    this.updates = Counter.builder(Meters.STRESS_UPDATES).description("Stress states published").register(meters);
  }

  @Override
  public Future<?> start() {
    Future<Map<String, BaselineSnapshot>> loaded = store.loadAll().recover(e -> {
      log.error("Cannot restore stress baselines: {}", e.getMessage());
      return Future.succeededFuture(Map.of());
    });
    return loaded.onSuccess(baselines -> {
      tracker = new StressTracker(config, model, baselines);
      log.info("Stress engine started; {} baselines restored from {}", baselines.size(), store);
      consumer = SampleConsumers.register(vertx.eventBus(), this::accept);
      long every = config.baselineSaveMinutes() * 60_000L;
      saveTimer = vertx.setPeriodic(every, every, id -> save().onFailure(e -> log.warn("Saving baselines failed", e)));
    });
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
      done.complete();
    });
    return done.future();
  }

  private void accept(Sample sample) {
    StressState state = tracker.accept(sample.person(), sample.kind(), sample.time().toEpochMilli(), sample.value());
    if (state != null) {
      vertx.eventBus().publish(Addresses.STRESS.name(), state);
      updates.increment();
    }
  }

  /** Saves every person's baseline. */
  private Future<Void> save() {
    if (tracker == null || tracker.size() == 0) {
      return Future.succeededFuture();
    }
    return store.saveAll(tracker.baselines());
  }
}
