package app.tend.hub.store;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressState;
import app.tend.hub.config.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what flows on the bus that no other stage stores: stress states (downsampled) and session
 * events. Purges data older than the retention once a day.
 */
public final class Recorder extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(Recorder.class);
  private static final long CHECK_EVERY_MS = Duration.ofHours(1).toMillis();

  private final Store store;
  private final Clock clock;
  private final StoreConfig config;
  private final MeterRegistry meters;
  private final StressDownsampler downsampler;
  private Instant lastPurge = Instant.EPOCH;

  public Recorder(Store store, Clock clock, StoreConfig config, MeterRegistry meters) {
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.meters = meters;
    this.downsampler = new StressDownsampler(Duration.ofSeconds(config.stressEverySeconds()));
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<StressState>consumer(Addresses.STRESS.name(), message -> onStress(message.body()));
    vertx.eventBus().<SessionEvent>consumer(Addresses.SESSIONS.name(),
        message -> saved("sessions", store.saveSessionEvent(message.body())));
    vertx.setPeriodic(CHECK_EVERY_MS, id -> purgeIfDue());
    return purgeIfDue();
  }

  private void onStress(StressState state) {
    if (downsampler.keep(state)) {
      saved("stress_states", store.saveStressState(state));
    }
  }

  /** Purges once a day; returns when done (or at once when not due). */
  public Future<Integer> purgeIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(lastPurge.plus(Duration.ofDays(1)))) {
      return Future.succeededFuture(0);
    }
    lastPurge = now;
    Instant cutoff = now.minus(Duration.ofDays(config.retentionDays()));
    return store.purgeBefore(cutoff)
        .onSuccess(deleted -> {
          if (deleted > 0) {
            log.info("Store: purged {} rows older than {} days", deleted, config.retentionDays());
          }
        })
        .onFailure(e -> log.error("Store: purge failed: {}", e.getMessage(), e));
  }

  private void saved(String table, Future<Void> write) {
    write.onFailure(e -> {
      meters.counter(Meters.STORE_WRITES_FAILED, "table", table).increment();
      log.error("Store: cannot save to {}: {}", table, e.getMessage(), e);
    });
  }
}
