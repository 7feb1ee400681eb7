package app.tend.hub.broker;

import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.mqtt.MqttCallbackAdapter;
import app.tend.mqtt.MqttConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one light MQTT connection to the broker to know whether it is up: the hub is ready only
 * while it is. Paho's callbacks only flip a flag, so they never block; {@link MqttConnection} logs the
 * connects and losses.
 */
public final class BrokerMonitor {

  private static final Logger log = LoggerFactory.getLogger(BrokerMonitor.class);

  private final Vertx vertx;
  private final BrokerSettings broker;
  private final AtomicBoolean up = new AtomicBoolean();
  private volatile MqttConnection connection;

  public BrokerMonitor(Vertx vertx, BrokerSettings broker, MeterRegistry meters) {
    this.vertx = vertx;
    this.broker = broker;
    Gauge.builder(Meters.BROKER_UP, () -> up.get() ? 1 : 0)
        .description("1 while the MQTT broker is reachable")
        .register(meters);
  }

  /** Starts connecting in the background; completes once the client exists, without waiting for the broker. */
  public Future<Void> start() {
    MqttConnectionOptions options = MqttConnection.options(broker);
    // Health should notice a lost broker within seconds.
    options.setAutomaticReconnectDelay(1, 5);
    options.setKeepAliveInterval(10);
    options.setConnectionTimeout(5);
    return MqttConnection.create(vertx.getOrCreateContext(), "Broker monitor", broker,
        "tend-hub-monitor-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence(), options,
        new Callback()).onSuccess(created -> {
          connection = created;
          created.connect();
        }).mapEmpty();
  }

  /** True while the monitor is connected to the broker. */
  public boolean isUp() {
    return up.get();
  }

  /** Disconnects. */
  public Future<Void> close() {
    up.set(false);
    MqttConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close();
  }

  private final class Callback extends MqttCallbackAdapter {
    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      up.set(true);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      up.set(false);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.debug("MQTT error: {}", exception.getMessage());
    }
  }
}
