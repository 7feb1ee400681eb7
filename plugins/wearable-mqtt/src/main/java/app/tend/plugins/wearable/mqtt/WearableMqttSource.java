package app.tend.plugins.wearable.mqtt;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.SignalSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wearable samples from MQTT: subscribes to the configured topics, decodes each payload by its format
 * and publishes the samples that pass the checks on {@link Addresses#SAMPLES}.
 */
@Extension
public final class WearableMqttSource implements SignalSource {

  private static final Logger log = LoggerFactory.getLogger(WearableMqttSource.class);

  private final PluginContext context;
  private Inbox inbox;
  private Gauge queueGauge;
  private MqttSubscriber subscriber;

  public WearableMqttSource(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    WearableMqttConfig config = context.config(WearableMqttConfig.class);
    Vertx vertx = context.vertx();
    Context loop = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
    Rejections rejections = new Rejections(context.meters(), context.clock());
    SampleGate gate = new SampleGate(context.clock(), config.maxFutureSeconds() * 1000L, rejections,
        context.meters(), sample -> context.publish(Addresses.SAMPLES, sample));
    MessageRouter router = new MessageRouter(config, gate, rejections);
    inbox = new Inbox(loop, config.queueSize(), router::handle,
        dropped -> rejections.reject(Reason.OVERFLOW, dropped.topic(),
            "the queue of " + config.queueSize() + " messages is full: the hub cannot keep up"));
    queueGauge = Gauge.builder(Meters.WEARABLE_QUEUE, inbox, Inbox::size)
        .description("MQTT messages waiting to be decoded")
        .register(context.meters());
    Counter messages = Counter.builder(Meters.MQTT_MESSAGES)
        .description("MQTT messages taken off the broker")
        .register(context.meters());
    Inbox handOff = inbox;
    return vertx.executeBlocking(() -> {
      Path dataDir = context.dataDir();
      String clientId = ClientIds.resolve(config.clientId(), dataDir);
      return new MqttSubscriber(loop, context.broker(), config, clientId, dataDir.resolve("paho"),
          handOff, context.clock(), messages);
    }).compose(created -> {
      subscriber = created;
      String clientId = created.clientId();
      log.info("Listening for wearables on {} at {} as {}", config.subscriptions(), context.broker().clientUrl(), clientId);
      return created.start();
    });
  }

  /** Completes when the broker first granted the subscriptions; for tests and diagnostics. */
  Future<Void> subscribed() {
    return subscriber == null ? Future.failedFuture("not started") : subscriber.subscribed();
  }

  @Override
  public Future<Void> stop() {
    Future<Void> stopped = subscriber == null ? Future.succeededFuture() : subscriber.stop();
    return stopped.eventually(() -> {
      if (inbox != null) {
        inbox.close();
      }
      if (queueGauge != null) {
        context.meters().remove(queueGauge);
      }
      return Future.succeededFuture();
    });
  }
}
