package app.tend.plugins.wearable.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A wearable for tests: publishes one message at a time and waits for the broker's acknowledgement,
 * reconnecting and publishing the same message again while the broker is away, the way a bridge with
 * a QoS 1 outbox does.
 */
final class TestPublisher implements AutoCloseable {

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options = new MqttConnectionOptions();
  private volatile int failures;

  TestPublisher(String url) throws MqttException {
    client = new MqttAsyncClient(url, "test-wearable-" + UUID.randomUUID().toString().substring(0, 8),
        new MemoryPersistence());
    options.setCleanStart(true);
    options.setConnectionTimeout(2);
    client.connect(options).waitForCompletion(5_000);
  }

  /** Publishes and waits for the acknowledgement, retrying until the broker has it. */
  void publish(String topic, String payload, int qos) throws InterruptedException {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
  }

  void publish(String topic, byte[] payload, int qos) throws InterruptedException {
    while (true) {
      try {
        if (!client.isConnected()) {
          client.connect(options).waitForCompletion(3_000);
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        client.publish(topic, message).waitForCompletion(3_000);
        return;
      } catch (MqttException e) {
        failures++;
        // The broker is away: try the same message again shortly, as a device's outbox would.
        Thread.sleep(50);
      }
    }
  }

  /** Publishes without waiting for the acknowledgement (the broker must be up); see {@link #awaitDelivered}. */
  void publishNoWait(String topic, String payload, int qos) throws MqttException, InterruptedException {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(qos);
    while (true) {
      try {
        client.publish(topic, message);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
          throw e;
        }
        Thread.sleep(1); // the broker's receive window is full
      }
    }
  }

  /** Waits until the broker acknowledged every message published so far. */
  void awaitDelivered() throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    while (client.getPendingTokens().length > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
  }

  /** How many publish or connect attempts failed so far. */
  int failures() {
    return failures;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(2_000);
    }
    client.close(true);
  }
}
