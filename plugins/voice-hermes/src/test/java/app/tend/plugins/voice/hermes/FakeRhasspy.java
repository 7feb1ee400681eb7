package app.tend.plugins.voice.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Rhasspy's side of the Hermes conversation for tests: keeps what the hub tells the TTS and the dialogue
 * manager, and answers as Rhasspy would (sessionStarted, sayFinished, intents).
 */
final class FakeRhasspy implements AutoCloseable {

  /** One message the hub published. */
  record Heard(String topic, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MqttAsyncClient client;
  private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();

  FakeRhasspy(String url) throws Exception {
    client = new MqttAsyncClient(url, "fake-rhasspy-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(10_000);
    client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
      @Override
      public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) throws Exception {
        heard.add(new Heard(topic, JSON.readTree(message.getPayload())));
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
    });
    client.subscribe(new MqttSubscription[] {
        new MqttSubscription(HermesChannel.SAY, 1),
        new MqttSubscription("hermes/dialogueManager/startSession", 1),
        new MqttSubscription("hermes/dialogueManager/continueSession", 1),
        new MqttSubscription("hermes/dialogueManager/endSession", 1)}).waitForCompletion(10_000);
  }

  /** The next message the hub published, within 10 s. */
  Heard next() throws InterruptedException {
    Heard next = heard.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("the hub published nothing to the speaker");
    }
    return next;
  }

  /** The next message, which must be on this topic. */
  JsonNode next(String topic) throws InterruptedException {
    Heard next = next();
    if (!next.topic().equals(topic)) {
      throw new AssertionError("expected a message on " + topic + ", got " + next);
    }
    return next.body();
  }

  /** Whatever the hub published within the time, or null. */
  Heard within(Duration time) throws InterruptedException {
    return heard.poll(time.toMillis(), TimeUnit.MILLISECONDS);
  }

  void publish(String topic, String json) throws Exception {
    MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message).waitForCompletion(10_000);
  }

  /** Says the TTS finished speaking the {@code hermes/tts/say} message. */
  void sayFinished(JsonNode say) throws Exception {
    publish(HermesChannel.SAY_FINISHED, "{\"id\":\"" + say.path("id").asText() + "\",\"siteId\":\""
        + say.path("siteId").asText() + "\",\"sessionId\":\"" + say.path("sessionId").asText() + "\"}");
  }

  /** Starts the session the hub asked for and says its text, as the dialogue manager does; returns its id. */
  String startSession(JsonNode startSession) throws Exception {
    String sessionId = "session-" + UUID.randomUUID();
    String site = startSession.path("siteId").asText();
    publish(HermesChannel.SESSION_STARTED, "{\"sessionId\":\"" + sessionId + "\",\"siteId\":\"" + site
        + "\",\"customData\":\"" + startSession.path("customData").asText() + "\"}");
    publish(HermesChannel.SAY_FINISHED, "{\"id\":\"dm-" + UUID.randomUUID() + "\",\"siteId\":\"" + site
        + "\",\"sessionId\":\"" + sessionId + "\"}");
    return sessionId;
  }

  /** Says the answer in the session was not understood, as the dialogue manager does. */
  void notRecognized(String sessionId, String site) throws Exception {
    publish(HermesChannel.NOT_RECOGNIZED, "{\"sessionId\":\"" + sessionId + "\",\"siteId\":\"" + site
        + "\",\"input\":\"mumble\",\"customData\":null}");
  }

  /** Ends the session on its own, e.g. with reason {@code timeout} or {@code abortedByUser}. */
  void sessionEnded(String sessionId, String site, String reason) throws Exception {
    publish(HermesChannel.SESSION_ENDED, "{\"sessionId\":\"" + sessionId + "\",\"siteId\":\"" + site
        + "\",\"customData\":null,\"termination\":{\"reason\":\"" + reason + "\"}}");
  }

  /** Publishes a recognised intent the way Rhasspy 2.5 does. */
  void intent(String name, String site, String sessionId, String slotsJson) throws Exception {
    publish(HermesChannel.INTENT_PREFIX + name, """
        {"input": "words", "intent": {"intentName": "%s", "confidenceScore": 1.0}, "siteId": "%s", "id": null,
         "slots": %s, "sessionId": "%s", "customData": null, "asrTokens": [], "asrConfidence": 1.0,
         "rawInput": "words", "wakewordId": "default", "lang": null}
        """.formatted(name, site, slotsJson, sessionId));
  }

  @Override
  public void close() throws Exception {
    client.disconnect().waitForCompletion(5_000);
    client.close(true);
  }
}
