package app.tend.plugins.wearable.simulator;

import app.tend.api.BrokerSettings;
import app.tend.api.message.Sample;
import app.tend.mqtt.MqttCallbackAdapter;
import app.tend.mqtt.MqttConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes samples in Tend's own format, {@code <prefix>/<person>/<device>/<kind>} with
 * {@code {"t": <unix ms>, "v": <number>}}, the path a real wearable takes. Samples wait in order in a
 * queue on the event loop and leave as fast as the broker's in-flight window allows; while the broker
 * is away they wait (the simulator stops producing when the queue is long).
 */
final class MqttPublisher extends MqttCallbackAdapter {

  private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
  private static final int MAX_INFLIGHT = 32202; // Paho's reason code when the in-flight window is full

  private final Context context;
  private final BrokerSettings broker;
  private final String clientId;
  private final String prefix;
  private final String device;
  private final int qos;
  private final ArrayDeque<Sample> pending = new ArrayDeque<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private volatile MqttConnection connection;
  private long published;

  MqttPublisher(Context context, BrokerSettings broker, String clientId, String prefix, String device, int qos) {
    this.context = context;
    this.broker = broker;
    this.clientId = clientId;
    this.prefix = prefix;
    this.device = device;
    this.qos = qos;
  }

  /** Creates the client and starts connecting; does not wait for the broker. */
  Future<Void> start() {
    return MqttConnection.create(context, "Wearable simulator", broker, clientId, new MemoryPersistence(),
        MqttConnection.options(broker), this).onSuccess(created -> {
          connection = created;
          created.connect();
        }).mapEmpty();
  }

  /** Queues a sample; call on the event loop. */
  void offer(Sample sample) {
    pending.addLast(sample);
  }

  /** Samples waiting to be published. */
  int pending() {
    return pending.size();
  }

  /** Samples handed to the broker so far. */
  long published() {
    return published;
  }

  /** Publishes waiting samples until the in-flight window is full; call on the event loop. */
  void flush() {
    MqttAsyncClient c = connection == null ? null : connection.client();
    while (c != null && !pending.isEmpty() && c.isConnected()) {
      Sample sample = pending.peekFirst();
      MqttMessage message = new MqttMessage(payload(sample));
      message.setQos(qos);
      try {
        c.publish(prefix + "/" + sample.person() + "/" + device + "/" + sample.kind().wireName(), message);
        pending.removeFirst();
        published++;
      } catch (MqttException e) {
        if (e.getReasonCode() != MAX_INFLIGHT) {
          log.debug("Publishing a simulated sample failed: {}", e.getMessage());
        }
        return;
      }
    }
  }

  Future<Void> stop() {
    MqttConnection c = connection;
    return c == null ? Future.succeededFuture() : c.close();
  }

  static byte[] payload(Sample sample) {
    double v = sample.value();
    String value = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    return ("{\"t\":" + sample.time().toEpochMilli() + ",\"v\":" + value + "}").getBytes(StandardCharsets.US_ASCII);
  }

  private void scheduleFlush() {
    if (flushScheduled.compareAndSet(false, true)) {
      context.runOnContext(ignored -> {
        flushScheduled.set(false);
        flush();
      });
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    scheduleFlush();
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    scheduleFlush();
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("Wearable simulator MQTT error: {}", exception.getMessage());
  }
}
