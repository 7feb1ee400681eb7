package app.tend.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

/**
 * The other side of the broker in a test (Home Assistant, a light, a listener): subscribes at QoS 1,
 * records every message in arrival order and publishes what that side would.
 */
public final class MqttProbe implements MqttCallback, AutoCloseable {

  /** One message as it arrived. */
  public record Received(String topic, String payload, boolean retained) {}

  private final MqttAsyncClient client;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** Connects with a clean session and subscribes to the filters (none: only publishes). */
  public MqttProbe(String url, String... filters) throws MqttException {
    this(url, null, null, filters);
  }

  /** Connects as a user of a broker that wants one, and subscribes to the filters. */
  public static MqttProbe login(String url, String username, String password, String... filters) throws MqttException {
    return new MqttProbe(url, username, password, filters);
  }

  private MqttProbe(String url, String username, String password, String[] filters) throws MqttException {
    client = new MqttAsyncClient(url, "probe-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
    client.setCallback(this);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    if (username != null) {
      options.setUserName(username);
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    client.connect(options).waitForCompletion(5_000);
    if (filters.length > 0) {
      int[] qos = new int[filters.length];
      Arrays.fill(qos, 1);
      client.subscribe(filters, qos).waitForCompletion(5_000);
    }
  }

  /** Every message so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The payloads so far, in arrival order. */
  public List<String> payloads() {
    return received().stream().map(Received::payload).toList();
  }

  /** The last message on a topic, if any arrived. */
  public Optional<Received> last(String topic) {
    List<Received> all = received();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).topic().equals(topic)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /** Messages whose topic ends with {@code /config} (Home Assistant discovery). */
  public List<Received> configs() {
    return received().stream().filter(r -> r.topic().endsWith("/config")).toList();
  }

  public void clear() {
    received.clear();
  }

  /** Publishes at QoS 1 and waits until the broker has it. */
  public void publish(String topic, String payload, boolean retain) throws MqttException {
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
