package app.tend.hub.broker;

import app.tend.api.Meters;
import app.tend.hub.files.OwnerOnly;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup MQTT broker: HiveMQ CE running inside the hub, so wearables and bridges can connect
 * with nothing else installed. Listens on one address and port; lets in only the users of {@link BrokerUsers}, each
 * with its role's topics ({@link BrokerGuard}), and refuses packets over the size limit, so a client cannot fill the
 * hub's memory. Its data is kept in memory: HiveMQ's file persistence took the hub from 12,500 to 15 samples a
 * second at QoS 1 (each message queued for the hub's persistent session goes through RocksDB). HiveMQ's own counts
 * of dropped messages and connected clients become Tend meters, and drops and refusals are logged: a full client
 * queue loses QoS 1 samples without telling the client.
 */
public final class EmbeddedBroker {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String DROPPED = "com.hivemq.messages.dropped.count";
  private static final String CONNECTIONS = "com.hivemq.networking.connections.current";
  /** How often drops and refusals are checked, so a flood of them makes one log line per period. */
  static final long DROP_CHECK_MS = 10_000;

  /**
   * How the broker runs.
   *
   * @param host the address it listens on
   * @param port its port
   * @param folder where HiveMQ keeps its configuration and data
   * @param maxQueueSize messages queued per client before the oldest is dropped
   * @param maxPacketBytes the largest packet it takes; a client that sends a larger one is disconnected
   * @param users who may connect, and with which role
   * @param allowAnonymous whether clients without a user name get in, with every right
   */
  public record Settings(String host, int port, Path folder, int maxQueueSize, int maxPacketBytes, BrokerUsers users,
      boolean allowAnonymous) {}

  private final Vertx vertx;
  private final Settings settings;
  private final Refusals refusals;
  private volatile EmbeddedHiveMQ hivemq;
  private volatile long droppedSeen;
  private long droppedLogged;
  private long dropTimer = -1;

  public EmbeddedBroker(Vertx vertx, Settings settings, MeterRegistry meters) {
    this.vertx = vertx;
    this.settings = settings;
    this.refusals = new Refusals(meters);
    FunctionCounter.builder(Meters.BROKER_DROPPED, this, EmbeddedBroker::dropped)
        .description("messages the embedded broker dropped, e.g. because a client's queue was full")
        .register(meters);
    Gauge.builder(Meters.BROKER_CONNECTIONS, this, EmbeddedBroker::connections)
        .description("clients connected to the embedded broker")
        .register(meters);
  }

  /** Writes HiveMQ's config and starts it; HiveMQ's own start-up blocks, so it runs on a worker. */
  public Future<Void> start() {
    return vertx.<Void>executeBlocking(() -> {
      refuseIfTaken();
      Path conf = OwnerOnly.createDirectories(settings.folder().resolve("conf"));
      Path data = OwnerOnly.createDirectories(settings.folder().resolve("data"));
      Path extensions = OwnerOnly.createDirectories(settings.folder().resolve("extensions"));
      Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);
      hivemq = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(data)
          .withExtensionsFolder(extensions)
          .withEmbeddedExtension(EmbeddedExtension.builder()
              .withId("tend-guard")
              .withName("Tend users, roles and refusals")
              .withVersion("1")
              .withPriority(1000)
              .withExtensionMain(new BrokerGuard(settings.users(), settings.allowAnonymous(), refusals))
              .build())
          .build();
      try {
        hivemq.start().join();
      } catch (RuntimeException e) {
        throw new IllegalStateException("the embedded MQTT broker did not start on " + settings.host() + ":"
            + settings.port() + " (HiveMQ says why above); set mqtt.port or TEND_MQTT_PORT to another port", e);
      }
      log.info("Embedded MQTT broker (HiveMQ CE) listening on {}:{}, messages up to {} KiB; users {}, "
          + "passwords in {}{}",
          settings.host(), settings.port(), settings.maxPacketBytes() / 1024,
          String.join(", ", new TreeSet<>(settings.users().all().keySet())), settings.users().folder(),
          settings.allowAnonymous() ? "; clients without a user name get in too (mqtt.allowAnonymous)" : "");
      return null;
    }).onSuccess(ignored -> dropTimer = vertx.setPeriodic(DROP_CHECK_MS, id -> {
      logDrops();
      logRefusals();
    }));
  }

  /** Logs the refusals since the last check, if any, with what to do about them. */
  void logRefusals() {
    refusals.log(DROP_CHECK_MS / 1000, Map.of(
        Refusals.Reason.TOO_LARGE, "; the limit is " + settings.maxPacketBytes() / 1024 + " KiB (mqtt.maxMessageKiB)",
        Refusals.Reason.BAD_CREDENTIALS, "; the users and passwords are in " + settings.users().folder()));
  }

  /** Logs the drops since the last check, if any. */
  void logDrops() {
    long now = (long) dropped();
    if (now > droppedLogged) {
      log.warn("The embedded MQTT broker dropped {} messages in the last {} s: a client's queue of {} messages was "
          + "full (a subscriber is offline or not keeping up); raise mqtt.maxQueueSize if it is only slow",
          now - droppedLogged, DROP_CHECK_MS / 1000, settings.maxQueueSize());
      droppedLogged = now;
    }
  }

  /** Messages dropped since the broker started; the last count once it stopped, so the counter never goes back. */
  private double dropped() {
    EmbeddedHiveMQ running = hivemq;
    var counter = running == null ? null : running.getMetricRegistry().getCounters().get(DROPPED);
    if (counter != null) {
      droppedSeen = counter.getCount();
    }
    return droppedSeen;
  }

  /** Clients connected now; 0 while the broker is not running. */
  private double connections() {
    EmbeddedHiveMQ running = hivemq;
    var gauge = running == null ? null : running.getMetricRegistry().getGauges().get(CONNECTIONS);
    return gauge != null && gauge.getValue() instanceof Number n ? n.doubleValue() : 0;
  }

  /** Fails at once, with what to do, when something already listens on the port (HiveMQ takes seconds to say so). */
  private void refuseIfTaken() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(settings.host(), settings.port()));
    } catch (IOException e) {
      throw new IllegalStateException("the embedded MQTT broker cannot listen on " + settings.host() + ":"
          + settings.port() + " (" + e.getMessage() + "): another broker may run there; set mqtt.url (TEND_MQTT_URL) to use it, or mqtt.port "
          + "(TEND_MQTT_PORT) to another port");
    }
  }

  /** Stops the broker and closes every client connection. */
  public Future<Void> stop() {
    EmbeddedHiveMQ running = hivemq;
    if (running == null) {
      return Future.succeededFuture();
    }
    hivemq = null;
    vertx.cancelTimer(dropTimer);
    return vertx.executeBlocking(() -> {
      try {
        running.stop().join();
      } finally {
        running.close();
      }
      log.info("Embedded MQTT broker stopped");
      return null;
    });
  }

  /** The URL clients connect to. */
  public String url() {
    String host = settings.host();
    String connectHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "tcp://" + connectHost + ":" + settings.port();
  }

  private String configXml() {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <packets>
              <max-packet-size>%d</max-packet-size>
            </packets>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
              <strategy>discard-oldest</strategy>
            </queued-messages>
          </mqtt>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(settings.port(), settings.host(), settings.maxPacketBytes(), settings.maxQueueSize());
  }
}
