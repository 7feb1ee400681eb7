package app.tend.hub.bench;

import app.tend.mqtt.MqttCallbackAdapter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * What a Mosquitto broker says of its queues: the messages in its store (queued for slow or absent
 * sessions, in flight) and the messages it dropped (a session's queue was full), from {@code $SYS}, which it
 * publishes every {@code sys_interval} (10 s by default).
 */
final class BrokerStore extends MqttCallbackAdapter implements AutoCloseable {

  static final String STORED = "$SYS/broker/store/messages/count";
  static final String DROPPED = "$SYS/broker/publish/messages/dropped";

  private final MqttAsyncClient client;
  private volatile long stored = -1;
  private volatile long dropped = -1;

  private BrokerStore(MqttAsyncClient client) {
    this.client = client;
  }

  static BrokerStore watch(String url) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, "tend-bench-sys-" + UUID.randomUUID().toString().substring(0, 8),
        new MemoryPersistence());
    BrokerStore store = new BrokerStore(client);
    client.setCallback(store);
    client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    client.subscribe(new String[] {STORED, DROPPED}, new int[] {0, 0}).waitForCompletion(10_000);
    return store;
  }

  /** The last count of stored messages the broker published, or -1 before the first. */
  long stored() {
    return stored;
  }

  /** The last count of dropped messages (since the broker started) it published, or -1 before the first. */
  long dropped() {
    return dropped;
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    long value;
    try {
      value = Long.parseLong(new String(message.getPayload(), StandardCharsets.US_ASCII).trim());
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (topic.equals(STORED)) {
      stored = value;
    } else {
      dropped = value;
    }
  }

  @Override
  public void close() throws MqttException {
    client.disconnect().waitForCompletion(2_000);
    client.close(true);
  }
}
