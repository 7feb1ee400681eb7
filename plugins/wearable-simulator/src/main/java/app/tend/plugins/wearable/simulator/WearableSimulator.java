package app.tend.plugins.wearable.simulator;

import app.tend.api.PluginContext;
import app.tend.api.SignalSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.UUID;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated wearables: persons moving through a timeline of calm, stress, walking and recovery,
 * publishing heart rate, RR intervals, EDA, skin temperature, motion and steps over MQTT in Tend's own
 * format, so the demo takes the same path a real wearable does.
 */
@Extension
public final class WearableSimulator implements SignalSource {

  private static final Logger log = LoggerFactory.getLogger(WearableSimulator.class);
  private static final long TICK_MS = 100;
  /** Samples allowed to wait for the broker before the simulation pauses. */
  static final int MAX_PENDING = 20_000;

  private final PluginContext context;
  private MqttPublisher publisher;
  private Generator generator;
  private SimulationClock clock;
  private long timer = -1;
  private PhaseKind lastPhase;

  public WearableSimulator(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    WearableSimulatorConfig config = context.config(WearableSimulatorConfig.class);
    Vertx vertx = context.vertx();
    Context loop = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
    Timeline timeline = new Timeline(config.phases());
    clock = new SimulationClock(context.clock(), timeline.lengthMillis(), config.speed());
    generator = new Generator(config, clock.start());
    String clientId = config.clientId().isEmpty()
        ? "tend-wearable-simulator-" + UUID.randomUUID().toString().substring(0, 8)
        : config.clientId();
    publisher = new MqttPublisher(loop, context.broker(), clientId, config.topicPrefix(), config.device(), config.qos());
    log.info("Simulating {} on {}/<person>/{}/<kind>: {} min of timeline from {} at {}x, then {}",
        config.persons(), config.topicPrefix(), config.device(), timeline.lengthMillis() / 60_000.0,
        Instant.ofEpochMilli(clock.start()), config.speed(), config.loop() ? "live in real time" : "stop");
    return publisher.start().onSuccess(ignored -> loop.runOnContext(v -> timer = vertx.setPeriodic(TICK_MS, id -> tick())));
  }

  /** Produces the samples up to the simulated now (unless too many wait) and publishes them. */
  void tick() {
    int room = MAX_PENDING - publisher.pending();
    if (room > 0) {
      int perStep = Math.max(1, context.config(WearableSimulatorConfig.class).persons().size() * 8);
      generator.advanceTo(clock.now(), Math.max(1, room / perStep), publisher::offer);
      PhaseKind phase = generator.phaseAt(Math.max(generator.cursor() - 1, clock.start()));
      if (phase != lastPhase) {
        log.info("Simulated persons are now in phase '{}' (simulated time {})", phase.configName(),
            Instant.ofEpochMilli(generator.cursor()));
        lastPhase = phase;
      }
    }
    publisher.flush();
    if (generator.finished() && publisher.pending() == 0 && timer >= 0) {
      context.vertx().cancelTimer(timer);
      timer = -1;
      log.info("The simulated timeline is over ({} samples published)", publisher.published());
    }
  }

  @Override
  public Future<Void> stop() {
    if (timer >= 0) {
      context.vertx().cancelTimer(timer);
      timer = -1;
    }
    return publisher == null ? Future.succeededFuture() : publisher.stop();
  }
}
