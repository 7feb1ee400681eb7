package app.tend.plugins.wearable.mqtt;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.ChannelCapability;
import app.tend.api.PluginContext;
import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import app.tend.api.message.Urgency;
import app.tend.mqtt.MqttConnection;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code wrist} channel: publishes each prompt to {@code <tendTopicPrefix>/<person>/<device>/prompt}
 * as JSON with a vibration pattern, so a watch can buzz and show a title. The device is the one configured
 * for the person, else the one their latest sample came from. A delivery completes when the broker has the
 * message (the watch may be out of reach: the broker queues it for a persistent session).
 */
@Extension
public final class WristChannel implements PromptChannel {

  private static final Logger log = LoggerFactory.getLogger(WristChannel.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final int REMEMBERED_SUGGESTIONS = 256;

  private final PluginContext context;
  private WearableMqttConfig config;
  private TendTopics topics;
  private Context loop;
  private volatile MqttConnection connection;
  private final Map<String, String> lastDevice = new HashMap<>();
  private final Map<String, Urgency> urgencies = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Urgency> eldest) {
      return size() > REMEMBERED_SUGGESTIONS;
    }
  };

  public WristChannel(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    config = context.config(WearableMqttConfig.class);
    if (!config.prompts().enabled()) {
      log.info("wearable-mqtt: the wrist prompt channel is off (prompts.channel: none)");
      return Future.succeededFuture();
    }
    topics = new TendTopics(config.tendTopicPrefix());
    loop = Vertx.currentContext() != null ? Vertx.currentContext() : context.vertx().getOrCreateContext();
    context.subscribeSamples(sample -> lastDevice.put(sample.person(), sample.device()));
    context.subscribe(Addresses.SUGGESTIONS, s -> urgencies.put(s.id(), s.urgency()));
    BrokerSettings broker = context.broker();
    MqttConnectionOptions options = MqttConnection.options(broker);
    options.setAutomaticReconnectDelay(config.reconnectMinSeconds(), config.reconnectMaxSeconds());
    options.setKeepAliveInterval(config.keepAliveSeconds());
    // Publishes only, so no callback.
    return MqttConnection.create(loop, "wearable-mqtt wrist channel", broker,
        "tend-wrist-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence(), options, null)
        .onSuccess(created -> {
          connection = created;
          created.connect();
          log.info("wearable-mqtt: prompt channel '{}' publishes to {}/<person>/<device>/prompt",
              config.prompts().channel(), config.tendTopicPrefix());
        }).mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    MqttConnection c = connection;
    return c == null ? Future.succeededFuture() : c.close();
  }

  /** True while connected to the broker. */
  boolean connected() {
    MqttConnection c = connection;
    return c != null && c.connected();
  }

  @Override
  public String channel() {
    return context.config(WearableMqttConfig.class).prompts().channel();
  }

  @Override
  public Set<ChannelCapability> capabilities() {
    return Set.of(ChannelCapability.HAPTIC, ChannelCapability.SCREEN);
  }

  @Override
  public Future<Void> deliver(Prompt prompt) {
    Promise<Void> done = Promise.promise();
    if (loop == null) {
      return Future.failedFuture(new IllegalStateException("the wrist channel is off"));
    }
    loop.runOnContext(ignored -> {
      String device = config.prompts().devices().getOrDefault(prompt.person(), lastDevice.get(prompt.person()));
      MqttConnection c = connection;
      if (device == null) {
        done.fail(new IllegalStateException("no wrist device is known for " + prompt.person()
            + ": none in prompts.devices, and no sample from them yet"));
        return;
      }
      if (c == null || !c.connected()) {
        done.fail(new IllegalStateException("the wrist channel is not connected to the MQTT broker"));
        return;
      }
      try {
        MqttMessage message = new MqttMessage(json(prompt, urgencies.get(prompt.suggestionId()))
            .getBytes(StandardCharsets.UTF_8));
        message.setQos(config.prompts().qos());
        c.publish(topics.promptTopic(prompt.person(), device), message).onComplete(done);
      } catch (IOException e) {
        done.fail(e);
      }
    });
    return done.future();
  }

  /** The documented prompt message (see the README). */
  static String json(Prompt prompt, Urgency urgency) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", prompt.id());
      g.writeStringField("kind", prompt.kind().name().toLowerCase(Locale.ROOT));
      g.writeStringField("title", prompt.title());
      g.writeStringField("text", prompt.text());
      g.writeNumberField("step", prompt.step());
      g.writeNumberField("steps", prompt.steps());
      g.writeNumberField("seconds", prompt.stepSeconds());
      Urgency level = urgency != null ? urgency : Urgency.NORMAL;
      g.writeStringField("urgency", level.name().toLowerCase(Locale.ROOT));
      g.writeArrayFieldStart("vibration");
      for (int millis : vibration(prompt.kind(), level)) {
        g.writeNumber(millis);
      }
      g.writeEndArray();
      g.writeStringField("suggestionId", prompt.suggestionId());
      g.writeStringField("exerciseId", prompt.exerciseId());
      g.writeEndObject();
    }
    return out.toString();
  }

  /** Milliseconds on, off, on, ...: a gentle buzz for an offer, stronger when it is pressing; a tick per step. */
  static List<Integer> vibration(Prompt.Kind kind, Urgency urgency) {
    return switch (kind) {
      case OFFER -> switch (urgency) {
        case LOW -> List.of(200);
        case NORMAL -> List.of(200, 150, 200);
        case HIGH -> List.of(400, 150, 400, 150, 400);
      };
      case STEP -> List.of(80);
      case CHECK_IN -> List.of(200, 150, 200);
      case NOTICE -> List.of(150);
    };
  }
}
