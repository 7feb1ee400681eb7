package app.tend.plugins.home.assistant;

import app.tend.api.BrokerSettings;
import app.tend.api.BrokerTls;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's MQTT connection (Eclipse Paho, MQTT v5, asynchronous client): a last will of
 * {@code offline} on the availability topic (retained), {@code online} published there on every connect,
 * the subscriptions renewed on every connect, the first connect retried with backoff until the broker is
 * there. Every callback is handed to the plugin's event loop.
 */
final class MqttLink implements MqttCallback {

  private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
  private static final int MAX_BACKOFF_SECONDS = 30;

  /** What the link calls back, on the plugin's event loop. */
  interface Listener {
    /** Connected (again): subscriptions are being renewed; announce everything. */
    void connected();

    /** A message on a subscribed topic. */
    void message(String topic, String payload);
  }

  private final Vertx vertx;
  private final Context context;
  private final BrokerSettings broker;
  private final String availability;
  private final String[] filters;
  private final int qos;
  private final Listener listener;
  private volatile MqttAsyncClient client;
  private volatile boolean closed;
  private int failures;
  private long retryTimer = -1;

  MqttLink(Context context, BrokerSettings broker, String availability, String[] filters, int qos, Listener listener) {
    this.vertx = context.owner();
    this.context = context;
    this.broker = broker;
    this.availability = availability;
    this.filters = filters.clone();
    this.qos = qos;
    this.listener = listener;
  }

  /** Creates the client and starts connecting; completes without waiting for the broker. */
  Future<Void> start() {
    return vertx.executeBlocking(() -> {
      byte[] random = new byte[4];
      new SecureRandom().nextBytes(random);
      MqttAsyncClient created = new MqttAsyncClient(broker.clientUrl(), "tend-home-assistant-"
          + HexFormat.of().formatHex(random), new MemoryPersistence());
      created.setCallback(this);
      client = created;
      connect();
      return null;
    });
  }

  /** True while connected. */
  boolean connected() {
    MqttAsyncClient c = client;
    return c != null && c.isConnected();
  }

  /** Publishes (an empty payload with {@code retain} deletes the retained message); fails when not connected. */
  Future<Void> publish(String topic, String payload, boolean retain) {
    MqttAsyncClient c = client;
    if (c == null || !c.isConnected()) {
      return Future.failedFuture("not connected to the MQTT broker " + broker.clientUrl());
    }
    Promise<Void> done = Promise.promise();
    try {
      c.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retain, null), null,
          new MqttActionListener() {
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

  /** Says {@code offline} (retained) and disconnects. */
  Future<Void> stop() {
    closed = true;
    context.runOnContext(ignored -> {
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
      }
    });
    MqttAsyncClient c = client;
    if (c == null) {
      return Future.succeededFuture();
    }
    Future<Void> offline = c.isConnected() ? publish(availability, "offline", true).recover(e -> Future.succeededFuture())
        : Future.succeededFuture();
    return offline.compose(ignored -> vertx.executeBlocking(() -> {
      client = null;
      try {
        if (c.isConnected()) {
          c.disconnect(2_000).waitForCompletion(4_000);
        }
      } catch (MqttException e) {
        log.debug("MQTT disconnect: {}", e.getMessage());
      }
      c.close(true);
      return null;
    }));
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, MAX_BACKOFF_SECONDS);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    options.setWill(availability, new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), qos, true, null));
    broker.username().ifPresent(options::setUserName);
    broker.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    if (broker.tls()) {
      options.setSocketFactory(BrokerTls.socketFactory(broker));
    }
    return options;
  }

  private void connect() {
    MqttAsyncClient c = client;
    if (c == null || closed) {
      return;
    }
    try {
      c.connect(options(), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // connectComplete does the rest.
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
    long delaySeconds = Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempt, 5));
    if (attempt == 0) {
      log.warn("Home Assistant bridge: broker {} not reachable yet ({}); trying again with backoff", broker.clientUrl(),
          failure.getMessage());
    }
    context.runOnContext(ignored -> {
      if (!closed) {
        retryTimer = vertx.setTimer(delaySeconds * 1000, id -> vertx.executeBlocking(() -> {
          connect();
          return null;
        }));
      }
    });
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    log.info("Home Assistant bridge connected to {}", serverURI);
    MqttAsyncClient c = client;
    if (c == null) {
      return;
    }
    try {
      // The array form: Paho 1.2.5's single-topic subscribe with a listener calls itself forever.
      int[] qoss = new int[filters.length];
      Arrays.fill(qoss, qos);
      c.subscribe(filters, qoss);
    } catch (MqttException | RuntimeException e) {
      log.warn("Home Assistant bridge: subscribing to {} failed: {}", Arrays.toString(filters), e.getMessage());
    }
    context.runOnContext(ignored -> {
      publish(availability, "online", true)
          .onFailure(e -> log.warn("Home Assistant bridge: cannot say online: {}", e.getMessage()));
      listener.connected();
    });
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
    context.runOnContext(ignored -> listener.message(topic, payload));
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    if (!closed) {
      log.warn("Home Assistant bridge: connection to {} lost ({}); reconnecting", broker.clientUrl(),
          response.getException() != null ? response.getException().getMessage() : response.getReasonString());
    }
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("Home Assistant bridge: MQTT error: {}", exception.getMessage());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
