package app.tend.plugins.voice.hermes;

import app.tend.api.BrokerSettings;
import app.tend.mqtt.MqttCallbackAdapter;
import app.tend.mqtt.MqttConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
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
final class HermesMqtt extends MqttCallbackAdapter {

  private static final Logger log = LoggerFactory.getLogger(HermesMqtt.class);

  private final Context context;
  private final BrokerSettings broker;
  private final String clientId;
  private final List<String> filters;
  private final int qos;
  private final BiConsumer<String, byte[]> onMessage;
  private final Promise<Void> subscribed = Promise.promise();
  private volatile MqttConnection connection;

  /** @param onMessage gets topic and payload on {@code context} */
  HermesMqtt(Context context, BrokerSettings broker, String clientId, List<String> filters, int qos,
      BiConsumer<String, byte[]> onMessage) {
    this.context = context;
    this.broker = broker;
    this.clientId = clientId;
    this.filters = List.copyOf(filters);
    this.qos = qos;
    this.onMessage = onMessage;
  }

  /** Creates the client and starts connecting; completes without waiting for the broker. */
  Future<Void> start() {
    return MqttConnection.create(context, "Hermes " + clientId, broker, clientId, new MemoryPersistence(),
        MqttConnection.options(broker), this).onSuccess(created -> {
          connection = created;
          created.connect();
        }).mapEmpty();
  }

  /** Completes when the broker first granted the subscriptions. */
  Future<Void> subscribed() {
    return subscribed.future();
  }

  /**
   * Publishes a JSON text; completes on the plugin's context when the broker has it (QoS 1 and 2) or it was
   * sent (QoS 0).
   */
  Future<Void> publish(String topic, String json) {
    MqttConnection c = connection;
    if (c == null) {
      return Future.failedFuture(new IllegalStateException("not connected to the MQTT broker " + broker.clientUrl()));
    }
    Promise<Void> sent = Promise.promise();
    c.publish(topic, new MqttMessage(json.getBytes(StandardCharsets.UTF_8), qos, false, null))
        .onComplete(result -> context.runOnContext(ignored -> sent.handle(result)));
    return sent.future();
  }

  Future<Void> stop() {
    MqttConnection c = connection;
    return c == null ? Future.succeededFuture() : c.close();
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    MqttAsyncClient c = connection == null ? null : connection.client();
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
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("Hermes: MQTT error: {}", exception.getMessage());
  }
}
