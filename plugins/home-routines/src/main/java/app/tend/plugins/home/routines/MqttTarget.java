package app.tend.plugins.home.routines;

import app.tend.api.BrokerSettings;
import app.tend.api.PluginContext;
import app.tend.api.RoutineTarget;
import app.tend.api.Secret;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import app.tend.mqtt.MqttConnection;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.pf4j.Extension;

/**
 * Target {@code mqtt}: publishes one message, e.g. to Zigbee2MQTT ({@code zigbee2mqtt/<friendly name>/set}
 * with {@code {"state": "ON", "brightness": 80}}), Tasmota ({@code cmnd/<device>/POWER} with {@code ON}) or a
 * Node-RED flow. Parameters: {@code topic}, {@code payload} (a section is sent as JSON), {@code qos}
 * (default 1) and {@code retain} (default false). It publishes to the hub's broker unless
 * {@code plugins.home-routines.mqtt.url} names another.
 */
@Extension
public final class MqttTarget implements RoutineTarget {

  /** The target type routines name. */
  public static final String TYPE = "mqtt";

  private static final Pattern ANY = Pattern.compile("(?s).+");
  private static final Pattern QOS = Pattern.compile("[0-2]");
  private static final Pattern BOOL = Pattern.compile("true|false");

  private final PluginContext context;
  private MqttConnection publisher;

  public MqttTarget(PluginContext context) {
    this.context = context;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Future<Void> start() {
    HomeRoutinesConfig.Mqtt mqtt = context.config(HomeRoutinesConfig.class).mqtt();
    String key = "plugins." + context.pluginId() + ".mqtt.password";
    return context.vertx().executeBlocking(() -> Secret.read(key, mqtt.passwordEnv(), mqtt.passwordFile(), System.getenv()))
        .compose(password -> {
          BrokerSettings broker = mqtt.url().isEmpty() ? context.broker()
              : new BrokerSettings(mqtt.url(), mqtt.username().isEmpty() ? Optional.empty() : Optional.of(mqtt.username()),
                  password.map(Secret::reveal), Optional.empty(), false);
          // Nothing is subscribed, so no callback.
          return MqttConnection.create(context.vertx().getOrCreateContext(), "Routine target mqtt", broker, clientId(),
              new MemoryPersistence(), MqttConnection.options(broker), null);
        })
        .onSuccess(created -> {
          publisher = created;
          publisher.connect();
        })
        .mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    return publisher == null ? Future.succeededFuture() : publisher.close();
  }

  @Override
  public Future<ActionOutcome> execute(RoutineAction action, boolean dryRun) {
    String topic;
    String payload;
    int qos;
    boolean retain;
    try {
      Params params = Params.of(action, List.of("topic", "payload", "qos", "retain"));
      topic = params.required("topic", ANY, "an MQTT topic like zigbee2mqtt/Living room lamp/set");
      try {
        MqttTopicValidator.validate(topic, false, true);
      } catch (IllegalArgumentException e) {
        throw new Params.BadParam("params.topic: '" + topic + "' is not valid: expected a topic without wildcards ("
            + e.getMessage() + ")");
      }
      payload = action.params().getOrDefault("payload", "");
      qos = Integer.parseInt(params.optional("qos", QOS, "0, 1 or 2").orElse("1"));
      retain = Boolean.parseBoolean(params.optional("retain", BOOL, "true or false").orElse("false"));
    } catch (Params.BadParam bad) {
      return Future.succeededFuture(new ActionOutcome(TYPE, false, bad.getMessage(), 0));
    }
    String where = topic + " (QoS " + qos + (retain ? ", retained" : "") + ") on " + publisher.url()
        + (payload.isEmpty() ? " with an empty payload" : ": " + payload);
    if (dryRun) {
      return Future.succeededFuture(new ActionOutcome(TYPE, true, "would publish to " + where, 0));
    }
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retain, null);
    return publisher.publish(topic, message).transform(result ->
        Future.succeededFuture(result.succeeded() ? new ActionOutcome(TYPE, true, "published to " + where, 0)
            : new ActionOutcome(TYPE, false, "could not publish to " + where + ": " + result.cause().getMessage(), 0)));
  }

  private static String clientId() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return "tend-home-routines-" + HexFormat.of().formatHex(random);
  }
}
