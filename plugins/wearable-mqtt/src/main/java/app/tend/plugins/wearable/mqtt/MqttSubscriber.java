package app.tend.plugins.wearable.mqtt;

import app.tend.api.BrokerSettings;
import app.tend.mqtt.MqttCallbackAdapter;
import app.tend.mqtt.MqttConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's MQTT connection (Eclipse Paho, MQTT v5), set up the way a receiver of QoS 1 samples
 * needs: a fixed client id, a persistent session (clean start off, session expiry above zero) and
 * file persistence, so the broker keeps what arrives while the hub is away; the first connect retried
 * with backoff until the broker appears (Paho gives up after one try); automatic reconnect with
 * backoff; subscriptions renewed on every connect. Paho's callbacks only hand messages to the
 * {@link Inbox}: they never block and never throw. A payload over the hub's {@code mqtt.maxMessageKiB} is counted as
 * {@code too_large} and dropped there, unread, so no more than one such message is held at a time.
 */
final class MqttSubscriber extends MqttCallbackAdapter {

  private static final Logger log = LoggerFactory.getLogger(MqttSubscriber.class);

  private final Context context;
  private final BrokerSettings broker;
  private final WearableMqttConfig config;
  private final String clientId;
  private final List<String> filters;
  private final Path persistenceDir;
  private final Inbox inbox;
  private final Rejections rejections;
  private final Clock clock;
  private final LongAdder messages;
  private final Promise<Void> subscribed = Promise.promise();
  private volatile MqttConnection connection;

  /**
   * @param clientId the client id, and so the session on the broker
   * @param filters the topic filters to subscribe to
   */
  MqttSubscriber(Context context, BrokerSettings broker, WearableMqttConfig config, String clientId, List<String> filters,
      Path persistenceDir, Inbox inbox, Rejections rejections, Clock clock, LongAdder messages) {
    this.context = context;
    this.broker = broker;
    this.config = config;
    this.clientId = clientId;
    this.filters = filters;
    this.persistenceDir = persistenceDir;
    this.inbox = inbox;
    this.rejections = rejections;
    this.clock = clock;
    this.messages = messages;
  }

  /**
   * Creates the client and starts connecting in the background; completes once the client exists,
   * without waiting for the broker (a hub may start before its broker).
   */
  Future<Void> start() {
    return MqttConnection.create(context, "wearable-mqtt " + clientId, broker, clientId,
        new MqttDefaultFilePersistence(persistenceDir.toString()), options(), this).onSuccess(created -> {
          connection = created;
          created.connect();
        }).mapEmpty();
  }

  /** Completes when the subscriptions were first granted: from then on samples flow. */
  Future<Void> subscribed() {
    return subscribed.future();
  }

  /** The client id in use. */
  String clientId() {
    return clientId;
  }

  /** Disconnects, keeping the session on the broker so it queues what arrives meanwhile. */
  Future<Void> stop() {
    MqttConnection c = connection;
    return c == null ? Future.succeededFuture() : c.close();
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = MqttConnection.options(broker);
    options.setCleanStart(false);
    options.setSessionExpiryInterval((long) config.sessionExpirySeconds());
    options.setAutomaticReconnectDelay(config.reconnectMinSeconds(), config.reconnectMaxSeconds());
    options.setKeepAliveInterval(config.keepAliveSeconds());
    if (!broker.tls()) {
      options.setSocketFactory(new BufferedSockets());
    }
    return options;
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    subscribe();
  }

  /** Subscribes (again) to every topic; the broker may have lost the session, so it is done on every connect. */
  private void subscribe() {
    MqttAsyncClient c = connection == null ? null : connection.client();
    if (c == null) {
      return;
    }
    MqttSubscription[] subscriptions = filters.stream()
        .map(filter -> new MqttSubscription(filter, config.qos()))
        .toArray(MqttSubscription[]::new);
    try {
      c.subscribe(subscriptions, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] codes = token.getReasonCodes();
          for (int i = 0; codes != null && i < codes.length && i < filters.size(); i++) {
            if (codes[i] >= 0x80) {
              log.error("The broker refused the subscription to {} (reason code 0x{})", filters.get(i),
                  Integer.toHexString(codes[i]));
            }
          }
          log.debug("Subscribed to {} with reason codes {}", filters, Arrays.toString(codes));
          subscribed.tryComplete();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          log.warn("Subscribing to {} failed: {}", filters, failure.getMessage());
        }
      }, new MqttProperties());
    } catch (MqttException | RuntimeException e) {
      log.warn("Subscribing to {} failed: {}", filters, e.getMessage());
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    // Paho acknowledges (QoS 1) when this returns, and stops the connection if it throws.
    try {
      messages.increment();
      byte[] payload = message.getPayload();
      if (payload.length > broker.maxMessageBytes()) {
        rejections.reject(Reason.TOO_LARGE, topic, payload.length + " bytes, more than the " + broker.maxMessageBytes()
            + " of mqtt.maxMessageKiB");
        return;
      }
      inbox.offer(new Inbound(topic, payload, clock.millis()));
    } catch (RuntimeException e) {
      log.error("Cannot queue a message on {}", topic, e);
    }
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("MQTT error: {}", exception.getMessage());
  }
}
