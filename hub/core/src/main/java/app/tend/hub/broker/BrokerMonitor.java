package app.tend.hub.broker;

import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
 * Keeps one light MQTT connection to the broker to know whether it is up: the hub is ready only
 * while it is. Reconnects on its own; Paho's callbacks only flip a flag, so they never block.
 */
public final class BrokerMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerMonitor.class);

  private final Vertx vertx;
  private final BrokerSettings broker;
  private final AtomicBoolean up = new AtomicBoolean();
  private volatile MqttAsyncClient client;

  public BrokerMonitor(Vertx vertx, BrokerSettings broker, MeterRegistry meters) {
    this.vertx = vertx;
    this.broker = broker;
    Gauge.builder(Meters.BROKER_UP, () -> up.get() ? 1 : 0)
        .description("1 while the MQTT broker is reachable")
        .register(meters);
  }

  /** Starts connecting in the background; returns at once. */
  public void start() {
    try {
      client = new MqttAsyncClient(broker.clientUrl(), "tend-hub-monitor-" + UUID.randomUUID().toString().substring(0, 8),
          new MemoryPersistence());
      client.setCallback(new Callback());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setAutomaticReconnect(true);
      options.setAutomaticReconnectDelay(1, 5);
      options.setKeepAliveInterval(10);
      options.setConnectionTimeout(5);
      broker.username().ifPresent(options::setUserName);
      broker.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
      if (broker.tls()) {
        options.setSocketFactory(TlsSockets.factory(broker.caFile()));
      }
      connect(options);
    } catch (MqttException | RuntimeException e) {
      log.warn("Cannot watch the MQTT broker at {}: {}", broker.url(), e.getMessage());
    }
  }

  private void connect(MqttConnectionOptions options) {
    try {
      client.connect(options, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {}

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          // Paho does not retry a first connect that failed, so keep trying until the broker appears.
          log.debug("MQTT broker at {} not reachable yet: {}", broker.url(), failure.getMessage());
          retryLater(options);
        }
      });
    } catch (MqttException e) {
      retryLater(options);
    }
  }

  private void retryLater(MqttConnectionOptions options) {
    vertx.setTimer(2000, id -> vertx.executeBlocking(() -> {
      if (client != null && !client.isConnected()) {
        connect(options);
      }
      return null;
    }));
  }

  /** True while the monitor is connected to the broker. */
  public boolean isUp() {
    return up.get();
  }

  @Override
  public void close() {
    MqttAsyncClient c = client;
    client = null;
    up.set(false);
    if (c == null) {
      return;
    }
    try {
      if (c.isConnected()) {
        c.disconnect(1000).waitForCompletion(2000);
      }
    } catch (MqttException e) {
      log.debug("Broker monitor disconnect: {}", e.getMessage());
    }
    try {
      c.close(true);
    } catch (MqttException e) {
      log.debug("Broker monitor close: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      if (!up.getAndSet(true)) {
        log.info("MQTT broker {} is up", serverURI);
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (up.getAndSet(false)) {
        log.warn("MQTT broker {} is down: {}", broker.url(),
            response.getException() == null ? response.getReasonString() : response.getException().getMessage());
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.debug("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
