package app.tend.plugins.voice.hermes;

import app.tend.api.BrokerSettings;
import app.tend.api.BrokerTls;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's MQTT connection (Paho, MQTT v5, the async client): a clean session, since intents and
 * sayFinished messages from while the hub was away mean nothing now; the first connect retried until the
 * broker appears, automatic reconnects after; subscriptions renewed on every connect. Every message is
 * handed to the plugin's event loop.
 */
final class HermesMqtt implements MqttCallback {

  private static final Logger log = LoggerFactory.getLogger(HermesMqtt.class);
  private static final long RETRY_MAX_MS = 30_000;

  private final Vertx vertx;
  private final Context context;
  private final BrokerSettings broker;
  private final String clientId;
  private final List<String> filters;
  private final int qos;
  private final BiConsumer<String, byte[]> onMessage;
  private final Promise<Void> subscribed = Promise.promise();
  private volatile MqttAsyncClient client;
  private volatile boolean closed;
  private int attempts;
  private long retryTimer = -1;

  /** @param onMessage gets topic and payload on {@code context} */
  HermesMqtt(Context context, BrokerSettings broker, String clientId, List<String> filters, int qos,
      BiConsumer<String, byte[]> onMessage) {
    this.vertx = context.owner();
    this.context = context;
    this.broker = broker;
    this.clientId = clientId;
    this.filters = List.copyOf(filters);
    this.qos = qos;
    this.onMessage = onMessage;
  }

  /** Creates the client and starts connecting; completes without waiting for the broker. */
  Future<Void> start() {
    return vertx.executeBlocking(() -> {
      MqttAsyncClient created = new MqttAsyncClient(broker.clientUrl(), clientId, new MemoryPersistence());
      created.setCallback(this);
      client = created;
      connect();
      return null;
    });
  }

  /** Completes when the broker first granted the subscriptions. */
  Future<Void> subscribed() {
    return subscribed.future();
  }

  /** Publishes a JSON text; completes when the broker has it (QoS 1 and 2) or it was sent (QoS 0). */
  Future<Void> publish(String topic, String json) {
    MqttAsyncClient c = client;
    if (c == null || !c.isConnected()) {
      return Future.failedFuture(new IllegalStateException("not connected to the MQTT broker " + broker.clientUrl()));
    }
    Promise<Void> sent = Promise.promise();
    MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    message.setQos(qos);
    try {
      c.publish(topic, message, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          context.runOnContext(ignored -> sent.tryComplete());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          context.runOnContext(ignored -> sent.tryFail(failure));
        }
      });
    } catch (MqttException e) {
      return Future.failedFuture(e);
    }
    return sent.future();
  }

  Future<Void> stop() {
    closed = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    MqttAsyncClient c = client;
    client = null;
    if (c == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      try {
        if (c.isConnected()) {
          c.disconnect(2_000).waitForCompletion(4_000);
        }
      } catch (MqttException e) {
        log.debug("MQTT disconnect of {}: {}", clientId, e.getMessage());
      }
      c.close(true);
      return null;
    });
  }

  private void connect() {
    MqttAsyncClient c = client;
    if (c == null || closed) {
      return;
    }
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    broker.username().ifPresent(options::setUserName);
    broker.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    if (broker.tls()) {
      options.setSocketFactory(BrokerTls.socketFactory(broker));
    }
    try {
      c.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // connectComplete subscribes.
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
    context.runOnContext(ignored -> {
      long delay = Math.min(RETRY_MAX_MS, 1000L << Math.min(attempts, 5));
      if (attempts++ == 0) {
        log.warn("MQTT broker {} is not reachable yet ({}); trying again with backoff", broker.clientUrl(),
            failure.getMessage());
      }
      if (!closed) {
        retryTimer = vertx.setTimer(delay, id -> vertx.executeBlocking(() -> {
          connect();
          return null;
        }));
      }
    });
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    log.info("Hermes: connected to {} as {}{}", serverUri, clientId, reconnect ? " again" : "");
    MqttAsyncClient c = client;
    if (c == null) {
      return;
    }
    MqttSubscription[] subscriptions = filters.stream().map(f -> {
      MqttSubscription subscription = new MqttSubscription(f, qos);
      subscription.setNoLocal(true);
      return subscription;
    }).toArray(MqttSubscription[]::new);
    try {
      c.subscribe(subscriptions, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          subscribed.tryComplete();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          log.warn("Hermes: subscribing to {} failed: {}", filters, failure.getMessage());
        }
      }, new MqttProperties());
    } catch (MqttException e) {
      log.warn("Hermes: subscribing to {} failed: {}", filters, e.getMessage());
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    byte[] payload = message.getPayload();
    context.runOnContext(ignored -> onMessage.accept(topic, payload));
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    if (!closed) {
      log.warn("Hermes: MQTT connection to {} lost; reconnecting", broker.clientUrl());
    }
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("Hermes: MQTT error: {}", exception.getMessage());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
