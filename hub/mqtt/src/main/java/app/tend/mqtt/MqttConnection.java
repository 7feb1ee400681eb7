package app.tend.mqtt;

import app.tend.api.BrokerSettings;
import app.tend.api.BrokerTls;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's MQTT connection (Eclipse Paho, MQTT v5, the asynchronous client). Paho reconnects on its own
 * only after a first success, and a hub may start before its broker: so the first connect is tried again,
 * with backoff between the options' automatic-reconnect delays, until the broker is there. After that a
 * watchdog checks the connection every reconnect-delay-plus-connect-timeout: Paho's reconnect cycle ends
 * for good when its timer fires while the lost connection is still being shut down (a slow machine), so a
 * connection found down twice in a row is reconnected by hand. Publishing gives a Vert.x future; closing
 * disconnects off the event loop. What arrives goes to the plugin's own {@link MqttCallback}, on Paho's
 * thread: it must not block.
 */
public final class MqttConnection {

  private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);
  /** Longest wait between attempts, and between Paho's own reconnects, unless the options say otherwise. */
  public static final int MAX_BACKOFF_SECONDS = 30;
  private static final long DISCONNECT_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final Context context;
  private final String name;
  private final String url;
  private final MqttConnectionOptions options;
  private volatile MqttAsyncClient client;
  private volatile boolean closed;
  private int failures;
  private long retryTimer = -1;
  private long watchdog = -1;
  private boolean downAtLastCheck;

  private MqttConnection(Context context, String name, String url, MqttAsyncClient client, MqttConnectionOptions options) {
    this.vertx = context.owner();
    this.context = context;
    this.name = name;
    this.url = url;
    this.client = client;
    this.options = options;
  }

  /**
   * The options plugins start from: clean start, automatic reconnect after 1 to {@value #MAX_BACKOFF_SECONDS}
   * s, keep-alive 30 s, connect timeout 10 s, and the broker's user name, password and TLS.
   */
  public static MqttConnectionOptions options(BrokerSettings broker) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, MAX_BACKOFF_SECONDS);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    broker.username().ifPresent(options::setUserName);
    broker.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    if (broker.tls()) {
      options.setSocketFactory(BrokerTls.socketFactory(broker));
    }
    return options;
  }

  /**
   * Creates the client on a worker thread; {@link #connect()} then starts connecting. Two steps, so the plugin
   * holds the connection before its callback can hear of a connect.
   *
   * @param context the plugin's context: retries are timed there
   * @param name whose connection it is, for the log ("Home Assistant bridge")
   * @param callback what the plugin does with connects, messages and losses; null when it only publishes
   */
  public static Future<MqttConnection> create(Context context, String name, BrokerSettings broker, String clientId,
      MqttClientPersistence persistence, MqttConnectionOptions options, MqttCallback callback) {
    return context.owner().executeBlocking(() -> {
      MqttAsyncClient client = new MqttAsyncClient(broker.clientUrl(), clientId, persistence);
      MqttConnection connection = new MqttConnection(context, name, broker.clientUrl(), client, options);
      client.setCallback(new Watched(callback == null ? new MqttCallbackAdapter() {} : callback, connection));
      return connection;
    });
  }

  /** Starts connecting in the background and returns at once: the broker may not be there yet. */
  public void connect() {
    vertx.executeBlocking(() -> {
      attempt();
      return null;
    });
  }

  /** The client, for subscribing; null once closed. */
  public MqttAsyncClient client() {
    return client;
  }

  /** The broker's URL. */
  public String url() {
    return url;
  }

  /** True while connected. */
  public boolean connected() {
    MqttAsyncClient c = client;
    return c != null && c.isConnected();
  }

  /**
   * Publishes one message; completes when the broker has it (QoS 1 and 2) or it is sent (QoS 0), on Paho's
   * thread. Fails at once while not connected, so the caller decides whether to try again.
   */
  public Future<Void> publish(String topic, MqttMessage message) {
    MqttAsyncClient c = client;
    if (c == null || !c.isConnected()) {
      return Future.failedFuture(new IllegalStateException("not connected to the MQTT broker " + url));
    }
    Promise<Void> done = Promise.promise();
    try {
      c.publish(topic, message, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.tryComplete();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          done.tryFail(failure);
        }
      });
    } catch (MqttException | RuntimeException e) {
      done.tryFail(e);
    }
    return done.future();
  }

  /** Stops trying, disconnects (a persistent session stays on the broker) and closes the client. */
  public Future<Void> close() {
    closed = true;
    context.runOnContext(ignored -> {
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
      }
      if (watchdog >= 0) {
        vertx.cancelTimer(watchdog);
      }
    });
    MqttAsyncClient c = client;
    client = null;
    if (c == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      try {
        if (c.isConnected()) {
          c.disconnect(DISCONNECT_TIMEOUT_MS).waitForCompletion(DISCONNECT_TIMEOUT_MS * 2);
        }
      } catch (MqttException e) {
        log.debug("{}: MQTT disconnect: {}", name, e.getMessage());
      }
      c.close(true);
      return null;
    });
  }

  /** One attempt of the first connect; on failure the next is scheduled. */
  private void attempt() {
    MqttAsyncClient c = client;
    if (c == null || closed) {
      return;
    }
    try {
      c.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // The plugin's callback hears of it in connectComplete.
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          retryLater(failure);
        }
      });
    } catch (MqttException | RuntimeException e) {
      retryLater(e);
    }
  }

  private void retryLater(Throwable failure) {
    if (closed) {
      return;
    }
    int attempt;
    synchronized (this) {
      attempt = failures++;
    }
    int min = Math.max(1, options.getAutomaticReconnectMinDelay());
    int max = Math.max(min, options.getAutomaticReconnectMaxDelay());
    long delaySeconds = Math.min(max, (long) min << Math.min(attempt, 10));
    if (attempt == 0) {
      log.warn("{}: MQTT broker {} is not reachable yet ({}); trying again with backoff up to {} s", name, url,
          failure.getMessage(), max);
    } else {
      log.debug("{}: MQTT connect attempt {} to {} failed: {}", name, attempt + 1, url, failure.getMessage());
    }
    context.runOnContext(ignored -> {
      if (!closed) {
        retryTimer = vertx.setTimer(delaySeconds * 1000, id -> connect());
      }
    });
  }

  /** From the first connect on, checks the connection now and then; see the class comment. */
  private void watch() {
    context.runOnContext(ignored -> {
      if (watchdog >= 0 || closed) {
        return;
      }
      long every = 1000L * (Math.max(1, options.getAutomaticReconnectMaxDelay()) + options.getConnectionTimeout());
      watchdog = vertx.setPeriodic(every, every, id -> check());
    });
  }

  private void check() {
    MqttAsyncClient c = client;
    if (c == null || closed) {
      return;
    }
    boolean down = !c.isConnected();
    if (down && downAtLastCheck) {
      vertx.executeBlocking(() -> {
        log.info("{}: MQTT connection to {} still down; reconnecting", name, url);
        c.reconnect();
        return null;
      }).onFailure(e -> log.debug("{}: reconnect to {}: {}", name, url, e.getMessage()));
    }
    downAtLastCheck = down;
  }

  /** The plugin's callback, after logging connects and losses and starting the watchdog. */
  private static final class Watched implements MqttCallback {
    private final MqttCallback plugin;
    private final MqttConnection connection;

    Watched(MqttCallback plugin, MqttConnection connection) {
      this.plugin = plugin;
      this.connection = connection;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      if (reconnect) {
        log.info("{}: connection to {} is back", connection.name, serverURI);
      } else {
        log.info("{} connected to {}", connection.name, serverURI);
      }
      connection.watch();
      plugin.connectComplete(reconnect, serverURI);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (!connection.closed) {
        log.warn("{}: connection to {} lost ({}); reconnecting", connection.name, connection.url,
            response.getException() != null ? response.getException().getMessage() : response.getReasonString());
      }
      plugin.disconnected(response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      plugin.mqttErrorOccurred(exception);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      plugin.messageArrived(topic, message);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      plugin.deliveryComplete(token);
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      plugin.authPacketArrived(reasonCode, properties);
    }
  }
}
