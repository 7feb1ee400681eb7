package app.tend.plugins.wearable.mqtt;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.SignalSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wearable samples from MQTT: subscribes to the configured topics (on one connection, or on several with
 * shared subscriptions), decodes each payload by its format and publishes the samples that pass the checks on
 * {@link Addresses#SAMPLE_BATCHES}, one batch per slice of the {@link Inbox} that every connection hands its
 * messages to (decoded on one event loop). What it took is kept in its data folder ({@link SeenJournal}), so a
 * sample the broker delivers again after a restart is still recognised.
 */
@Extension
public final class WearableMqttSource implements SignalSource {

  private static final Logger log = LoggerFactory.getLogger(WearableMqttSource.class);

  private final PluginContext context;
  private Inbox inbox;
  private Context loop;
  private SeenJournal journal;
  private Gauge queueGauge;
  // Read by health checks on other threads.
  private final List<MqttSubscriber> subscribers = new CopyOnWriteArrayList<>();

  public WearableMqttSource(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    WearableMqttConfig config = context.config(WearableMqttConfig.class);
    Vertx vertx = context.vertx();
    Context loop = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
    Rejections rejections = new Rejections(context.meters(), context.clock());
    SampleBatcher batcher = new SampleBatcher(batch -> context.publish(Addresses.SAMPLE_BATCHES, batch));
    DuplicateFilter duplicates = new DuplicateFilter(config.lateWindowMinutes() * 60_000L);
    SeenJournal seen = new SeenJournal(loop, context.dataDir(), duplicates);
    SampleGate gate = new SampleGate(context.clock(), config.maxFutureSeconds() * 1000L, rejections, duplicates,
        context.meters(), batcher);
    MessageRouter router = new MessageRouter(config, gate, rejections);
    inbox = new Inbox(loop, config.queueSize(), router::handle,
        dropped -> rejections.reject(Reason.OVERFLOW, dropped.topic(),
            "the queue of " + config.queueSize() + " messages is full: the hub cannot keep up"), () -> {
              // Published first, then written down as seen: a crash in between repeats a slice, never loses one.
              batcher.flush();
              long now = context.clock().millis();
              duplicates.evict(now);
              seen.afterSlice(now);
            });
    this.loop = loop;
    journal = seen;
    queueGauge = Gauge.builder(Meters.WEARABLE_QUEUE, inbox, Inbox::size)
        .description("MQTT messages waiting to be decoded")
        .register(context.meters());
    LongAdder messages = new LongAdder();
    FunctionCounter.builder(Meters.MQTT_MESSAGES, messages, LongAdder::doubleValue)
        .description("MQTT messages taken off the broker")
        .register(context.meters());
    Inbox handOff = inbox;
    return vertx.executeBlocking(() -> {
      String resolved = ClientIds.resolve(config.clientId(), context.dataDir());
      seen.open(context.clock().millis());
      return resolved;
    }).compose(base -> {
      List<Future<Void>> started = new ArrayList<>();
      for (int i = 0; i < config.connections(); i++) {
        MqttSubscriber created = new MqttSubscriber(loop, context.broker(), config, config.connectionClientId(base, i),
            config.connectionFilters(), context.dataDir().resolve("paho"), handOff, rejections, context.clock(),
            messages);
        subscribers.add(created);
        started.add(created.start());
      }
      log.info("Listening for wearables on {} at {} as {}{}", config.connectionFilters(), context.broker().clientUrl(),
          base, config.connections() == 1 ? "" : " (" + config.connections() + " connections, " + base + "-0 to -"
              + (config.connections() - 1) + ")");
      return Future.all(started).<Void>mapEmpty();
    });
  }

  /** Completes when the broker first granted the subscriptions of every connection; for tests and diagnostics. */
  Future<Void> subscribed() {
    if (subscribers.isEmpty()) {
      return Future.failedFuture("not started");
    }
    return Future.all(subscribers.stream().map(MqttSubscriber::subscribed).toList()).mapEmpty();
  }

  @Override
  public Optional<String> intakeProblem() {
    return subscribers.stream().map(MqttSubscriber::intakeProblem).flatMap(Optional::stream).findFirst();
  }

  @Override
  public Future<Void> stop() {
    Future<Void> stopped = Future.all(subscribers.stream().map(MqttSubscriber::stop).toList()).mapEmpty();
    subscribers.clear();
    return stopped.eventually(() -> {
      if (inbox != null) {
        inbox.close();
      }
      if (queueGauge != null) {
        context.meters().remove(queueGauge);
      }
      if (journal == null) {
        return Future.succeededFuture();
      }
      Promise<Void> written = Promise.promise();
      loop.runOnContext(ignored -> journal.close().onComplete(written));
      return written.future();
    });
  }
}
