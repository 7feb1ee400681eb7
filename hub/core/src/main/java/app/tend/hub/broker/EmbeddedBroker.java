package app.tend.hub.broker;

import app.tend.api.Meters;
import app.tend.hub.files.OwnerOnly;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
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
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup MQTT broker: HiveMQ CE running inside the hub, so wearables and bridges can connect
 * with nothing else installed. Listens on one address and port; requires the configured user name and
 * password when one is set. Retained messages and persistent sessions (what is queued for the hub while it is away)
 * are kept on disk under the broker's folder, so a restart loses none of them. HiveMQ's own counts of dropped messages and connected clients become Tend meters,
 * and drops are logged: a full client queue loses QoS 1 samples without telling the client.
 */
public final class EmbeddedBroker {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String DROPPED = "com.hivemq.messages.dropped.count";
  private static final String CONNECTIONS = "com.hivemq.networking.connections.current";
  /** How often drops are checked, so a flood of them makes one log line per period. */
  static final long DROP_CHECK_MS = 10_000;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final Path folder;
  private final int maxQueueSize;
  private final Optional<String> username;
  private final Optional<String> password;
  private volatile EmbeddedHiveMQ hivemq;
  private volatile long droppedSeen;
  private long droppedLogged;
  private long dropTimer = -1;

  public EmbeddedBroker(Vertx vertx, String host, int port, Path folder, int maxQueueSize, Optional<String> username,
      Optional<String> password, MeterRegistry meters) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.folder = folder;
    this.maxQueueSize = maxQueueSize;
    this.username = username;
    this.password = password;
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
      Path conf = OwnerOnly.createDirectories(folder.resolve("conf"));
      Path data = OwnerOnly.createDirectories(folder.resolve("data"));
      Path extensions = OwnerOnly.createDirectories(folder.resolve("extensions"));
      boolean onDisk = canKeepOnDisk();
      if (!onDisk) {
        log.warn("The embedded MQTT broker keeps its data in memory on this platform ({} {}): RocksDB, which keeps it "
            + "on disk, ships for Linux x86-64 and ARM64 and macOS only. Retained messages and the samples queued for "
            + "the hub are lost when the hub stops; use Mosquitto (mqtt.url) to keep them", System.getProperty("os.name"),
            System.getProperty("os.arch"));
      }
      Files.writeString(conf.resolve("config.xml"), configXml(onDisk), StandardCharsets.UTF_8);
      var builder = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(data)
          .withExtensionsFolder(extensions);
      if (username.isPresent()) {
        builder.withEmbeddedExtension(EmbeddedExtension.builder()
            .withId("tend-auth")
            .withName("Tend user name and password")
            .withVersion("1")
            .withPriority(1000)
            .withExtensionMain(new PasswordCheck(username.get(), password.orElse("")))
            .build());
      }
      hivemq = builder.build();
      try {
        hivemq.start().join();
      } catch (RuntimeException e) {
        throw new IllegalStateException("the embedded MQTT broker did not start on " + host + ":" + port
            + " (HiveMQ says why above); set mqtt.port or TEND_MQTT_PORT to another port", e);
      }
      log.info("Embedded MQTT broker (HiveMQ CE) listening on {}:{}{}", host, port,
          username.isPresent() ? " (user name and password required)" : "");
      return null;
    }).onSuccess(ignored -> dropTimer = vertx.setPeriodic(DROP_CHECK_MS, id -> logDrops()));
  }

  /** Logs the drops since the last check, if any. */
  void logDrops() {
    long now = (long) dropped();
    if (now > droppedLogged) {
      log.warn("The embedded MQTT broker dropped {} messages in the last {} s: a client's queue of {} messages was "
          + "full (a subscriber is offline or not keeping up); raise mqtt.maxQueueSize if it is only slow",
          now - droppedLogged, DROP_CHECK_MS / 1000, maxQueueSize);
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
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException("the embedded MQTT broker cannot listen on " + host + ":" + port + " ("
          + e.getMessage() + "): another broker may run there; set mqtt.url (TEND_MQTT_URL) to use it, or mqtt.port "
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
    String connectHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "tcp://" + connectHost + ":" + port;
  }

  /**
   * Whether RocksDB's native library, which HiveMQ's file persistence needs, loads here. RocksDB comes with
   * HiveMQ at run time only, so it is called by name rather than compiled against.
   */
  private static boolean canKeepOnDisk() {
    try {
      Class.forName("org.rocksdb.RocksDB").getMethod("loadLibrary").invoke(null);
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return false;
    }
  }

  private String configXml(boolean onDisk) {
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
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
              <strategy>discard-oldest</strategy>
            </queued-messages>
          </mqtt>
          <persistence>
            <mode>%s</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port, host, maxQueueSize, onDisk ? "file" : "in-memory");
  }

  /** Lets a client in only with the configured user name and password. */
  private static final class PasswordCheck implements ExtensionMain {
    private final byte[] username;
    private final byte[] password;

    PasswordCheck(String username, String password) {
      this.username = username.getBytes(StandardCharsets.UTF_8);
      this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
      Services.securityRegistry().setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) this::check);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

    private void check(SimpleAuthInput input, SimpleAuthOutput output) {
      var connect = input.getConnectPacket();
      byte[] user = connect.getUserName().map(u -> u.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
      byte[] pass = connect.getPassword().map(buffer -> {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
      }).orElse(new byte[0]);
      if (MessageDigest.isEqual(user, username) && MessageDigest.isEqual(pass, password)) {
        output.authenticateSuccessfully();
      } else {
        output.failAuthentication();
      }
    }
  }
}
