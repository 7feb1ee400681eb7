package app.tend.plugins.wearable.mqtt;

import app.tend.api.BrokerSettings;
import app.tend.mqtt.MqttCallbackAdapter;
import app.tend.mqtt.MqttConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
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
 * {@code too_large} and dropped there, unread, so no more than one such message is held at a time. It knows when it
 * cannot take samples in ({@link #intakeProblem()}).
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
  private final long graceMillis;
  private volatile MqttConnection connection;
  /** Since when it has had no granted subscriptions, or -1 while it has them. */
  private volatile long unsubscribedSince;
  private volatile String refused = "";
  // Guarded by itself: when the connection was lost the last three times, oldest first (-1: not yet).
  private final long[] losses = {-1, -1, -1};
  private volatile String lastLoss = "";

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
    // A connection lost now and then is no outage: one reconnect, with its connect timeout, is let pass.
    this.graceMillis = 1000L * (config.reconnectMaxSeconds() + MqttConnection.CONNECT_TIMEOUT_SECONDS);
    this.unsubscribedSince = clock.millis();
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

  /**
   * Why samples cannot come in on this connection now, or empty: the broker refused a subscription; the
   * connection keeps being lost (as when another client with this client id takes the session over again and
   * again, and gets the samples); or the subscriptions have been missing for longer than a reconnect takes.
   */
  Optional<String> intakeProblem() {
    long now = clock.millis();
    if (!refused.isEmpty()) {
      return Optional.of(refused);
    }
    long oldestLoss;
    synchronized (losses) {
      oldestLoss = losses[0];
    }
    if (oldestLoss >= 0 && now - oldestLoss < graceMillis) {
      return Optional.of("its MQTT connection as " + clientId + " was lost " + losses.length + " times in the last "
          + Math.max(1, (now - oldestLoss) / 1000) + " s (last: " + lastLoss + "): is another client, a second hub "
          + "or an old copy of this one, using client id " + clientId + " and taking its session over?");
    }
    long since = unsubscribedSince;
    if (since >= 0 && now - since > graceMillis) {
      return Optional.of(clientId + " has not been subscribed at " + broker.clientUrl() + " for " + (now - since) / 1000
          + " s (still trying)");
    }
    return Optional.empty();
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
          List<String> refusedNow = new ArrayList<>();
          for (int i = 0; codes != null && i < codes.length && i < filters.size(); i++) {
            if (codes[i] >= 0x80) {
              log.error("The broker refused the subscription to {} (reason code 0x{})", filters.get(i),
                  Integer.toHexString(codes[i]));
              refusedNow.add(filters.get(i) + " (reason code 0x" + Integer.toHexString(codes[i]) + ")");
            }
          }
          refused = refusedNow.isEmpty() ? "" : "the broker at " + broker.clientUrl() + " refused the subscription to "
              + String.join(", ", refusedNow);
          unsubscribedSince = -1;
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
  public void disconnected(MqttDisconnectResponse response) {
    long now = clock.millis();
    if (unsubscribedSince < 0) {
      unsubscribedSince = now;
    }
    lastLoss = response.getException() != null ? response.getException().getMessage()
        : "reason code 0x" + Integer.toHexString(response.getReturnCode());
    synchronized (losses) {
      System.arraycopy(losses, 1, losses, 0, losses.length - 1);
      losses[losses.length - 1] = now;
    }
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("MQTT error: {}", exception.getMessage());
  }
}
