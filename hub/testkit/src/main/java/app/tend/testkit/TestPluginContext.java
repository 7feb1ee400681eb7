package app.tend.testkit;

import app.tend.api.Address;
import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.Subscription;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PluginContext} for testing one plugin without the hub: a real Vert.x, a real event bus
 * (message records passed by reference), a simple meter registry tagged with the plugin id, and every
 * failure the plugin reported kept for assertions.
 */
public final class TestPluginContext implements PluginContext {

  private final String pluginId;
  private final Vertx vertx;
  private final Record config;
  private final Clock clock;
  private final Path dataDir;
  private final BrokerSettings broker;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Router router;
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();

  public TestPluginContext(String pluginId, Vertx vertx, Record config, Clock clock, Path dataDir, BrokerSettings broker) {
    this.pluginId = pluginId;
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.dataDir = dataDir;
    this.broker = broker;
    this.router = Router.router(vertx);
    meters.config().commonTags(Meters.TAG_PLUGIN, pluginId);
    registerCodecs(vertx);
  }

  /** Registers a pass-by-reference codec for every message record, once per Vert.x instance. */
  public static void registerCodecs(Vertx vertx) {
    for (Address<?> address : Addresses.ALL) {
      register(vertx, address.type());
    }
  }

  private static <T> void register(Vertx vertx, Class<T> type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // a second context on the same Vert.x
    }
  }

  /** Failures the plugin reported through {@link #fail} or by throwing in a handler. */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /** The registry behind {@link #meters()}, for reading counters. */
  public SimpleMeterRegistry registry() {
    return meters;
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
    vertx.eventBus().publish(address.name(), message);
  }

  @Override
  public <T> Subscription subscribe(Address<T> address, Handler<T> handler) {
    MessageConsumer<T> consumer = vertx.eventBus().consumer(address.name(), message -> {
      try {
        handler.handle(message.body());
      } catch (Throwable t) {
        failures.add(t);
      }
    });
    return consumer::unregister;
  }

  @Override
  public <C extends Record> C config(Class<C> type) {
    return type.cast(config);
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
    return dataDir;
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
    failures.add(cause);
  }

  private static final class LocalCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;

    LocalCodec(Class<T> type) {
      this.type = type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T t) {
      throw new UnsupportedOperationException("local only");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("local only");
    }

    @Override
    public T transform(T t) {
      return t;
    }

    @Override
    public String name() {
      return "test." + type.getSimpleName();
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
