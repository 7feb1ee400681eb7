package app.tend.hub.replay;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes rows with Eclipse Paho in Tend's own format: one sample per message on
 * {@code <prefix>/<person>/<device>/<kind>} as {@code {"t":…,"v":…}}, or, with a batch size above one,
 * {@code {"samples":[{"t":…,"kind":…,"v":…},…]}} on {@code <prefix>/<person>/<device>}. At most
 * {@value #WINDOW} messages are unacknowledged at a time; a broker that is lost mid-replay fails it.
 */
public final class MqttSink implements ReplaySink {

  private static final int WINDOW = 1_000;
  private static final long CONNECT_TIMEOUT_MS = 10_000;
  private static final long DRAIN_TIMEOUT_SECONDS = 60;

  /** How to publish; {@code username} and {@code password} are empty for a broker that takes anyone. */
  public record Settings(String url, String prefix, String device, int qos, int batch, Optional<String> username,
      Optional<String> password) {}

  private final Settings settings;
  private final MqttAsyncClient client;
  private final Semaphore window = new Semaphore(WINDOW);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Map<String, StringBuilder> batches = new LinkedHashMap<>();
  private final Map<String, Integer> batchSizes = new LinkedHashMap<>();
  private final MqttActionListener released = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      window.release();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
      failure.compareAndSet(null, e);
      window.release();
    }
  };
  private long messages;
  private long samples;

  /**
   * Connects to the broker.
   *
   * @throws MqttException when it cannot be reached
   */
  public MqttSink(Settings settings) throws MqttException {
    this.settings = settings;
    this.client = new MqttAsyncClient(settings.url(), "tend-replay-" + UUID.randomUUID().toString().substring(0, 8),
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setConnectionTimeout((int) (CONNECT_TIMEOUT_MS / 1000));
    settings.username().ifPresent(options::setUserName);
    settings.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    client.connect(options).waitForCompletion(CONNECT_TIMEOUT_MS);
  }

  @Override
  public void accept(Row row) throws Exception {
    samples++;
    if (settings.batch() <= 1) {
      String topic = settings.prefix() + "/" + row.person() + "/" + settings.device() + "/" + row.kind().wireName();
      publish(topic, "{\"t\":" + row.timeMs() + ",\"v\":" + number(row.value()) + "}");
      return;
    }
    StringBuilder batch = batches.computeIfAbsent(row.person(), p -> new StringBuilder(64 * settings.batch()));
    batch.append(batch.length() == 0 ? "" : ",").append("{\"t\":").append(row.timeMs()).append(",\"kind\":\"")
        .append(row.kind().wireName()).append("\",\"v\":").append(number(row.value())).append('}');
    int size = batchSizes.merge(row.person(), 1, Integer::sum);
    if (size >= settings.batch()) {
      sendBatch(row.person(), batch);
    }
  }

  @Override
  public void pause() throws Exception {
    for (Map.Entry<String, StringBuilder> batch : batches.entrySet()) {
      if (batch.getValue().length() > 0) {
        sendBatch(batch.getKey(), batch.getValue());
      }
    }
  }

  @Override
  public void close() throws Exception {
    try {
      pause();
      if (!window.tryAcquire(WINDOW, DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the broker did not acknowledge every message within " + DRAIN_TIMEOUT_SECONDS + " s");
      }
      window.release(WINDOW);
      check();
      client.disconnect().waitForCompletion(CONNECT_TIMEOUT_MS);
    } finally {
      client.close(true);
    }
  }

  @Override
  public String summary() {
    return String.format(Locale.ROOT, "%,d samples in %,d messages to %s (QoS %d)", samples, messages, settings.url(),
        settings.qos());
  }

  private void sendBatch(String person, StringBuilder batch) throws Exception {
    publish(settings.prefix() + "/" + person + "/" + settings.device(), "{\"samples\":[" + batch + "]}");
    batch.setLength(0);
    batchSizes.put(person, 0);
  }

  private void publish(String topic, String payload) throws Exception {
    check();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    while (true) {
      window.acquire();
      try {
        client.publish(topic, bytes, settings.qos(), false, null, released);
        messages++;
        return;
      } catch (MqttException e) {
        window.release();
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
          throw e;
        }
        // The broker's receive window is full: wait for acknowledgements.
        TimeUnit.MILLISECONDS.sleep(1);
      }
    }
  }

  private void check() throws Exception {
    Throwable failed = failure.get();
    if (failed != null) {
      throw new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST, failed);
    }
  }

  /** A number as JSON: whole numbers without a fraction. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
