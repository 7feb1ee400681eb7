package app.tend.hub.plugin;

import app.tend.api.Address;
import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.Subscription;
import app.tend.hub.bus.StateReplay;
import app.tend.hub.files.OwnerOnly;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The context the hub gives one plugin; failures in its callbacks are reported to the runtime. */
final class HostedPluginContext implements PluginContext {

  private final String pluginId;
  private final Vertx vertx;
  private final CompositeMeterRegistry meters;
  private final Clock clock;
  private final Path dataDir;
  private final Router router;
  private final BrokerSettings broker;
  private final Consumer<Throwable> onFailure;
  private final List<MessageConsumer<?>> consumers = new CopyOnWriteArrayList<>();
  private volatile Record config;

  HostedPluginContext(
      String pluginId,
      Vertx vertx,
      MeterRegistry hubMeters,
      Clock clock,
      Path dataDir,
      Router router,
      BrokerSettings broker,
      Consumer<Throwable> onFailure) {
    this.pluginId = pluginId;
    this.vertx = vertx;
    this.meters = new CompositeMeterRegistry();
    this.meters.config().commonTags(Meters.TAG_PLUGIN, pluginId);
    this.meters.add(hubMeters);
    this.clock = clock;
    this.dataDir = dataDir;
    this.router = router;
    this.broker = broker;
    this.onFailure = onFailure;
  }

  void setConfig(Record config) {
    this.config = Objects.requireNonNull(config);
  }

  /**
   * Removes every meter the plugin registered, from the hub's registry too: a function counter registered again
   * at the next start would otherwise be the first run's, reading a counter nobody counts any more.
   */
  void removeMeters() {
    for (Meter meter : List.copyOf(meters.getMeters())) {
      meters.remove(meter);
    }
  }

  /** Unregisters every consumer the plugin registered. */
  Future<Void> cancelSubscriptions() {
    List<Future<Void>> done = consumers.stream().map(MessageConsumer::unregister).toList();
    consumers.clear();
    return Future.join(done).mapEmpty();
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public <T> void publish(Address<T> address, T message) {
    Objects.requireNonNull(message, "message");
    if (!address.type().isInstance(message)) {
      throw new IllegalArgumentException(
          "address " + address + " carries " + address.type().getSimpleName() + ", not " + message.getClass().getSimpleName());
    }
    vertx.eventBus().publish(address.name(), message);
  }

  @Override
  public <T> Subscription subscribe(Address<T> address, Handler<T> handler) {
    boolean state = Addresses.STATES.contains(address);
    Set<String> heard = ConcurrentHashMap.newKeySet();
    MessageConsumer<T> consumer = vertx.eventBus().consumer(address.name(), message -> {
      if (state) {
        heard.add(StateReplay.person(message.body()));
      }
      deliver(handler, message.body());
    });
    consumers.add(consumer);
    if (state) {
      consumer.completion()
          .compose(ignored -> StateReplay.latest(vertx.eventBus(), address))
          .onSuccess(latest -> latest.forEach(message -> {
            // A person's newer message that came in first wins; a cancelled subscription gets nothing.
            if (consumers.contains(consumer) && heard.add(StateReplay.person(message))) {
              deliver(handler, address.type().cast(message));
            }
          }));
    }
    return () -> {
      consumers.remove(consumer);
      return consumer.unregister();
    };
  }

  private <T> void deliver(Handler<T> handler, T message) {
    try {
      handler.handle(message);
    } catch (Throwable t) {
      onFailure.accept(t);
    }
  }

  @Override
  public <C extends Record> C config(Class<C> type) {
    Record current = config;
    if (current == null || !type.isInstance(current)) {
      throw new IllegalArgumentException("plugin " + pluginId + " has config type "
          + (current == null ? "none" : current.getClass().getName()) + ", not " + type.getName());
    }
    return type.cast(current);
  }

  @Override
  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Path dataDir() {
    try {
      return OwnerOnly.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data folder " + dataDir + " of plugin " + pluginId, e);
    }
  }

  @Override
  public Router router() {
    return router;
  }

  @Override
  public BrokerSettings broker() {
    return broker;
  }

  @Override
  public void fail(Throwable cause) {
    onFailure.accept(cause);
  }
}
