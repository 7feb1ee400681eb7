package app.tend.plugins.home.assistant;

import app.tend.api.BrokerSettings;
import app.tend.mqtt.MqttCallbackAdapter;
import app.tend.mqtt.MqttConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's MQTT connection (Eclipse Paho, MQTT v5, asynchronous client): a last will of
 * {@code offline} on the availability topic (retained), {@code online} published there on every connect,
 * the subscriptions renewed on every connect, the first connect retried with backoff until the broker is
 * there. Every callback is handed to the plugin's event loop.
 */
final class MqttLink extends MqttCallbackAdapter {

  private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

  /** What the link calls back, on the plugin's event loop. */
  interface Listener {
    /** Connected (again): subscriptions are being renewed; announce everything. */
    void connected();

    /** A message on a subscribed topic. */
    void message(String topic, String payload);
  }

  private final Context context;
  private final BrokerSettings broker;
  private final String availability;
  private final String[] filters;
  private final int qos;
  private final Listener listener;
  private volatile MqttConnection connection;

  MqttLink(Context context, BrokerSettings broker, String availability, String[] filters, int qos, Listener listener) {
    this.context = context;
    this.broker = broker;
    this.availability = availability;
    this.filters = filters.clone();
    this.qos = qos;
    this.listener = listener;
  }

  /** Creates the client and starts connecting; completes without waiting for the broker. */
  Future<Void> start() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    MqttConnectionOptions options = MqttConnection.options(broker);
    options.setWill(availability, new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), qos, true, null));
    return MqttConnection.create(context, "Home Assistant bridge", broker,
        "tend-home-assistant-" + HexFormat.of().formatHex(random), new MemoryPersistence(), options, this)
        .onSuccess(created -> {
          connection = created;
          created.connect();
        }).mapEmpty();
  }

  /** True while connected. */
  boolean connected() {
    MqttConnection c = connection;
    return c != null && c.connected();
  }

  /** Publishes (an empty payload with {@code retain} deletes the retained message); fails when not connected. */
  Future<Void> publish(String topic, String payload, boolean retain) {
    MqttConnection c = connection;
    if (c == null) {
      return Future.failedFuture("not connected to the MQTT broker " + broker.clientUrl());
    }
    return c.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retain, null));
  }

  /** Says {@code offline} (retained) and disconnects. */
  Future<Void> stop() {
    MqttConnection c = connection;
    if (c == null) {
      return Future.succeededFuture();
    }
    Future<Void> offline = c.connected() ? publish(availability, "offline", true).recover(e -> Future.succeededFuture())
        : Future.succeededFuture();
    return offline.compose(ignored -> c.close());
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    MqttAsyncClient c = connection == null ? null : connection.client();
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
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("Home Assistant bridge: MQTT error: {}", exception.getMessage());
  }
}
