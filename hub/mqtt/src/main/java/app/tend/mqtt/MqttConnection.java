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
 * A plugin's MQTT connection (Eclipse Paho, MQTT v5, the asynchronous client). It connects, and reconnects
 * with backoff between the options' automatic-reconnect delays, by itself rather than through Paho: Paho tries
 * the first connect only once (a hub may start before its broker), its reconnect timer cannot be cancelled by a
 * close, and its reconnect cycle ends for good when its timer fires while the lost connection is still being
 * shut down. A watchdog checks the connection every reconnect-delay-plus-connect-timeout, should a loss ever go
 * unreported. Publishing gives a Vert.x future. {@link #close()} really closes: no retry or watchdog is left, a
 * connect under way is waited for (or cut) and not left to finish on its own, and the client is disconnected
 * and closed, so none of its threads or sockets outlive it. What arrives goes to the plugin's own
 * {@link MqttCallback}, on Paho's thread: it must not block.
 */
public final class MqttConnection {

  private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);
  /** Longest wait between attempts, and between Paho's own reconnects, unless the options say otherwise. */
  public static final int MAX_BACKOFF_SECONDS = 30;
  /** How long a connect may take, unless the options say otherwise. */
  public static final int CONNECT_TIMEOUT_SECONDS = 10;
  private static final long DISCONNECT_TIMEOUT_MS = 2_000;
  /** How long past its connect timeout a close waits for a connect under way before cutting it. */
  private static final long CONNECT_GRACE_MS = 2_000;

  private final Vertx vertx;
  private final Context context;
  private final String name;
  private final String url;
  private final MqttConnectionOptions options;
  private final int minDelaySeconds;
  private final int maxDelaySeconds;
  private volatile MqttAsyncClient client;
  private volatile boolean everConnected;
  private final Object lock = new Object();
  // Guarded by lock: whether closed, the connect under way, the retry and watchdog timers.
  private boolean closed;
  private Future<Void> closing;
  private IMqttToken connecting;
  private boolean retryPending;
  private long retryTimer = -1;
  private long watchdog = -1;
  private int failures;
  private boolean downAtLastCheck;

  private MqttConnection(Context context, String name, String url, MqttAsyncClient client, MqttConnectionOptions options) {
    this.vertx = context.owner();
    this.context = context;
    this.name = name;
    this.url = url;
    this.client = client;
    this.minDelaySeconds = Math.max(1, options.getAutomaticReconnectMinDelay());
    this.maxDelaySeconds = Math.max(minDelaySeconds, options.getAutomaticReconnectMaxDelay());
    // This class reconnects; see the class comment.
    options.setAutomaticReconnect(false);
    this.options = options;
  }

  /**
   * The options plugins start from: clean start, reconnect after 1 to {@value #MAX_BACKOFF_SECONDS} s (read from
   * the automatic-reconnect delays), keep-alive 30 s, connect timeout {@value #CONNECT_TIMEOUT_SECONDS} s, and the
   * broker's user name, password and TLS.
   */
  public static MqttConnectionOptions options(BrokerSettings broker) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, MAX_BACKOFF_SECONDS);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
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
   * @param options taken over: its automatic-reconnect delays are this connection's backoff
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

  /**
   * Stops trying, waits for a connect under way, disconnects (a persistent session stays on the broker) and
   * closes the client. Never fails; calling it again gives the same future.
   */
  public Future<Void> close() {
    synchronized (lock) {
      if (closing != null) {
        return closing;
      }
      closed = true;
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
      }
      if (watchdog >= 0) {
        vertx.cancelTimer(watchdog);
      }
      MqttAsyncClient c = client;
      IMqttToken pending = connecting;
      client = null;
      closing = c == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
        shut(c, pending);
        return null;
      });
      return closing;
    }
  }

  private void shut(MqttAsyncClient c, IMqttToken pending) {
    if (pending != null) {
      try {
        pending.waitForCompletion(options.getConnectionTimeout() * 1000L + CONNECT_GRACE_MS);
      } catch (MqttException e) {
        log.debug("{}: the connect under way at close ended with: {}", name, e.getMessage());
      }
    }
    try {
      if (c.isConnected()) {
        c.disconnect(DISCONNECT_TIMEOUT_MS).waitForCompletion(DISCONNECT_TIMEOUT_MS * 2);
      }
    } catch (MqttException e) {
      log.debug("{}: MQTT disconnect: {}", name, e.getMessage());
    }
    try {
      c.close(true);
    } catch (MqttException stillBusy) {
      // A broker that took the socket but never answered: cut the connect, or its threads would live on.
      log.warn("{}: the connection to {} was still {} at close; cutting it", name, url, stillBusy.getMessage());
      try {
        c.disconnectForcibly(0, DISCONNECT_TIMEOUT_MS, false);
        c.close(true);
      } catch (MqttException e) {
        log.warn("{}: cannot close the MQTT client: {}", name, e.getMessage());
      }
    }
  }

  /** One connect attempt, unless closed, connected, or one is under way; on failure the next is scheduled. */
  private void attempt() {
    synchronized (lock) {
      MqttAsyncClient c = client;
      if (closed || c == null || connecting != null || c.isConnected()) {
        return;
      }
      try {
        IMqttToken token = c.connect(options, null, new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken done) {
            synchronized (lock) {
              connectEnded(done);
              failures = 0;
            }
            // The plugin's callback hears of it in connectComplete.
          }

          @Override
          public void onFailure(IMqttToken done, Throwable failure) {
            synchronized (lock) {
              connectEnded(done);
            }
            retryLater(failure);
          }
        });
        // A connect that ended within connect() has already been told to the listener.
        if (!token.isComplete()) {
          connecting = token;
        }
      } catch (MqttException | RuntimeException e) {
        retryLater(e);
      }
    }
  }

  private void connectEnded(IMqttToken token) {
    if (connecting == token) {
      connecting = null;
    }
  }

  /** Schedules the next attempt after the backoff, unless closed or one is already due. */
  private void retryLater(Throwable failure) {
    int attempt;
    synchronized (lock) {
      if (closed || retryPending) {
        return;
      }
      retryPending = true;
      attempt = failures++;
    }
    long delaySeconds = Math.min(maxDelaySeconds, (long) minDelaySeconds << Math.min(attempt, 10));
    if (attempt == 0 && !everConnected) {
      log.warn("{}: MQTT broker {} is not reachable yet ({}); trying again with backoff up to {} s", name, url,
          failure == null ? "no answer" : failure.getMessage(), maxDelaySeconds);
    } else {
      log.debug("{}: MQTT connect attempt {} to {} in {} s (last: {})", name, attempt + 1, url, delaySeconds,
          failure == null ? "connection lost" : failure.getMessage());
    }
    context.runOnContext(ignored -> {
      synchronized (lock) {
        if (closed) {
          return;
        }
        retryTimer = vertx.setTimer(delaySeconds * 1000, id -> {
          synchronized (lock) {
            retryPending = false;
            retryTimer = -1;
          }
          connect();
        });
      }
    });
  }

  /** From the first connect on, checks the connection now and then; see the class comment. */
  private void watch() {
    context.runOnContext(ignored -> {
      synchronized (lock) {
        if (watchdog >= 0 || closed) {
          return;
        }
        long every = 1000L * (maxDelaySeconds + options.getConnectionTimeout());
        watchdog = vertx.setPeriodic(every, every, id -> check());
      }
    });
  }

  private void check() {
    boolean stuck;
    synchronized (lock) {
      MqttAsyncClient c = client;
      if (c == null || closed) {
        return;
      }
      boolean down = !c.isConnected() && connecting == null && !retryPending;
      stuck = down && downAtLastCheck;
      downAtLastCheck = down;
    }
    if (stuck) {
      log.info("{}: MQTT connection to {} still down with no attempt under way; reconnecting", name, url);
      connect();
    }
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
    public void connectComplete(boolean ignoredPahoFlag, String serverURI) {
      boolean again = connection.everConnected;
      connection.everConnected = true;
      if (again) {
        log.info("{}: connection to {} is back", connection.name, serverURI);
      } else {
        log.info("{} connected to {}", connection.name, serverURI);
      }
      connection.watch();
      plugin.connectComplete(again, serverURI);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      boolean closed;
      synchronized (connection.lock) {
        closed = connection.closed;
      }
      if (!closed) {
        log.warn("{}: connection to {} lost ({}); reconnecting", connection.name, connection.url, why(response));
      }
      plugin.disconnected(response);
      if (!closed) {
        connection.retryLater(null);
      }
    }

    private static String why(MqttDisconnectResponse response) {
      if (response.getException() != null) {
        return response.getException().getMessage();
      }
      String reason = response.getReasonString();
      return "reason code 0x" + Integer.toHexString(response.getReturnCode()) + (reason == null ? "" : ": " + reason);
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
