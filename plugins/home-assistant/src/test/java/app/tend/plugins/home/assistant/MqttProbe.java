package app.tend.plugins.home.assistant;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Home Assistant's side of the broker in tests: records what arrives, publishes what Home Assistant would. */
final class MqttProbe implements MqttCallback, AutoCloseable {

  /** One message as it arrived. */
  record Received(String topic, String payload, boolean retained) {}

  private final MqttAsyncClient client;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  MqttProbe(String url, String... filters) throws MqttException {
    client = new MqttAsyncClient(url, "probe-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
    client.setCallback(this);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(5_000);
    if (filters.length > 0) {
      int[] qos = new int[filters.length];
      java.util.Arrays.fill(qos, 1);
      client.subscribe(filters, qos).waitForCompletion(5_000);
    }
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The last message on a topic, if any arrived. */
  Optional<Received> last(String topic) {
    List<Received> all = received();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).topic().equals(topic)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /** Messages whose topic ends with {@code /config}. */
  List<Received> configs() {
    return received().stream().filter(r -> r.topic().endsWith("/config")).toList();
  }

  void clear() {
    received.clear();
  }

  void publish(String topic, String payload, boolean retain) throws MqttException {
    client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retain, null)).waitForCompletion(5_000);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(2_000);
    }
    client.close(true);
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {}

  @Override
  public void mqttErrorOccurred(MqttException exception) {}

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
