package app.tend.plugins.wearable.mqtt;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import app.tend.api.message.SignalKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;

/**
 * The settings of the {@code wearable-mqtt} plugin (section {@code plugins.wearable-mqtt} of tend.yaml).
 * Every key may be left out; the defaults suit the hub's own broker and Tend's own topic format.
 *
 * @param clientId the MQTT client id; the broker keeps the session (and QoS 1 samples sent while the hub
 *     is down) under it. Empty: {@code tend-wearable-mqtt-<random>}, made once and kept in the plugin's data folder
 * @param qos the QoS of every subscription, 0 to 2
 * @param sessionExpirySeconds how long the broker keeps the session and queues samples while the hub is away
 * @param keepAliveSeconds the MQTT keep-alive interval
 * @param reconnectMinSeconds the first wait before connecting again; it doubles on each failure
 * @param reconnectMaxSeconds the longest wait between two connection attempts
 * @param queueSize messages waiting to be decoded before new ones are dropped (and counted as {@code overflow})
 * @param maxFutureSeconds how far ahead of the hub's clock a sample's time may be before it is dropped
 * @param tendTopicPrefix the prefix of Tend's own topics, {@code <prefix>/<person>/<device>[/<kind>]}
 * @param heartRateTopics topic filters whose payloads are Bluetooth Heart Rate Measurements (0x2A37)
 * @param openMqttGatewayTopics topic filters of OpenMQTTGateway / Theengs BLE JSON
 * @param devices device (a MAC address, or the topic for topics without one) to person id
 * @param states plain numeric topics, each mapped to a person and a kind
 * @param prompts the {@code wrist} prompt channel: prompts published back to the wearable
 * @param connections MQTT connections taking samples off the broker; above 1 each is its own persistent session
 *     ({@code <clientId>-<n>}) on MQTT shared subscriptions ({@code $share/<shareGroup>/<filter>}), so the broker
 *     spreads the messages over them and more than one thread receives
 * @param shareGroup the shared subscription group when {@code connections} is above 1
 * @param lateWindowMinutes how far behind the newest sample of its series (same person, device and kind) a sample
 *     may come and still be taken, if it is not a duplicate; older ones are dropped as {@code too_late}
 */
public record WearableMqttConfig(
    String clientId,
    Integer qos,
    Integer sessionExpirySeconds,
    Integer keepAliveSeconds,
    Integer reconnectMinSeconds,
    Integer reconnectMaxSeconds,
    Integer queueSize,
    Integer maxFutureSeconds,
    String tendTopicPrefix,
    List<String> heartRateTopics,
    List<String> openMqttGatewayTopics,
    Map<String, String> devices,
    List<StateTopic> states,
    PromptSettings prompts,
    Integer connections,
    String shareGroup,
    Integer lateWindowMinutes) {

  /** Person ids as {@link app.tend.api.message.Sample} requires them. */
  static final Pattern PERSON_ID = Pattern.compile("[a-z0-9_-]{1,64}");

  private static final Pattern SHARE_GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final String PERSON_EXPECTED = "a person id of 1 to 64 characters a-z, 0-9, _ or -";

  /** Fills in defaults and checks every key. */
  public WearableMqttConfig {
    clientId = ConfigChecks.orDefault(clientId, "");
    if (!clientId.isEmpty()) {
      ConfigChecks.matches("clientId", clientId, CLIENT_ID, "1 to 64 characters A-Z, a-z, 0-9, _, ., : or -");
    }
    qos = ConfigChecks.intIn("qos", qos, 1, 0, 2);
    sessionExpirySeconds = ConfigChecks.intIn("sessionExpirySeconds", sessionExpirySeconds, 7 * 24 * 3600, 60, Integer.MAX_VALUE);
    keepAliveSeconds = ConfigChecks.intIn("keepAliveSeconds", keepAliveSeconds, 30, 5, 3600);
    reconnectMinSeconds = ConfigChecks.intIn("reconnectMinSeconds", reconnectMinSeconds, 1, 1, 60);
    reconnectMaxSeconds = ConfigChecks.intIn("reconnectMaxSeconds", reconnectMaxSeconds, 30, reconnectMinSeconds, 600);
    queueSize = ConfigChecks.intIn("queueSize", queueSize, 65_536, 16, 4_194_304);
    maxFutureSeconds = ConfigChecks.intIn("maxFutureSeconds", maxFutureSeconds, 120, 0, 86_400);
    tendTopicPrefix = ConfigChecks.orDefault(tendTopicPrefix, "tend/wearable");
    if (tendTopicPrefix.contains("+") || tendTopicPrefix.contains("#") || tendTopicPrefix.endsWith("/")) {
      throw new InvalidConfigException("tendTopicPrefix", tendTopicPrefix, "a topic without wildcards or a trailing /");
    }
    heartRateTopics = filters("heartRateTopics", heartRateTopics, List.of("/ble/data/+/180d/2a37"));
    openMqttGatewayTopics = filters("openMqttGatewayTopics", openMqttGatewayTopics, List.of("home/+/BTtoMQTT/+"));
    devices = devices(devices);
    states = states == null ? List.of() : List.copyOf(states);
    prompts = prompts == null ? PromptSettings.defaults() : prompts;
    connections = ConfigChecks.intIn("connections", connections, 1, 1, 16);
    shareGroup = ConfigChecks.matches("shareGroup", ConfigChecks.orDefault(shareGroup, "tend"), SHARE_GROUP,
        "1 to 64 characters A-Z, a-z, 0-9, _ or -");
    lateWindowMinutes = ConfigChecks.intIn("lateWindowMinutes", lateWindowMinutes, 60, 1, 1440);
  }

  /** All settings at their defaults. */
  public static WearableMqttConfig defaults() {
    return new WearableMqttConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** The same settings with other device mappings and state topics. */
  public WearableMqttConfig withDevices(Map<String, String> devices, List<StateTopic> states) {
    return new WearableMqttConfig(clientId, qos, sessionExpirySeconds, keepAliveSeconds, reconnectMinSeconds,
        reconnectMaxSeconds, queueSize, maxFutureSeconds, tendTopicPrefix, heartRateTopics, openMqttGatewayTopics,
        devices, states, prompts, connections, shareGroup, lateWindowMinutes);
  }

  /** The same settings with another client id. */
  public WearableMqttConfig withClientId(String clientId) {
    return new WearableMqttConfig(clientId, qos, sessionExpirySeconds, keepAliveSeconds, reconnectMinSeconds,
        reconnectMaxSeconds, queueSize, maxFutureSeconds, tendTopicPrefix, heartRateTopics, openMqttGatewayTopics,
        devices, states, prompts, connections, shareGroup, lateWindowMinutes);
  }

  /** The same settings with another number of connections. */
  public WearableMqttConfig withConnections(int connections) {
    return new WearableMqttConfig(clientId, qos, sessionExpirySeconds, keepAliveSeconds, reconnectMinSeconds,
        reconnectMaxSeconds, queueSize, maxFutureSeconds, tendTopicPrefix, heartRateTopics, openMqttGatewayTopics,
        devices, states, prompts, connections, shareGroup, lateWindowMinutes);
  }

  /** The same settings with another late window. */
  public WearableMqttConfig withLateWindowMinutes(int lateWindowMinutes) {
    return new WearableMqttConfig(clientId, qos, sessionExpirySeconds, keepAliveSeconds, reconnectMinSeconds,
        reconnectMaxSeconds, queueSize, maxFutureSeconds, tendTopicPrefix, heartRateTopics, openMqttGatewayTopics,
        devices, states, prompts, connections, shareGroup, lateWindowMinutes);
  }

  /** Every topic filter to subscribe to. */
  List<String> subscriptions() {
    List<String> all = new ArrayList<>();
    all.add(tendTopicPrefix + "/#");
    all.addAll(heartRateTopics);
    all.addAll(openMqttGatewayTopics);
    states.forEach(state -> all.add(state.topic()));
    return all;
  }

  /** The filters one connection subscribes to: shared ones when there are several connections. */
  List<String> connectionFilters() {
    List<String> all = subscriptions();
    return connections == 1 ? all : all.stream().map(filter -> "$share/" + shareGroup + "/" + filter).toList();
  }

  /** The client id of connection {@code index}, given the resolved base id. */
  String connectionClientId(String base, int index) {
    return connections == 1 ? base : base + "-" + index;
  }

  private static List<String> filters(String key, List<String> given, List<String> fallback) {
    if (given == null) {
      return fallback;
    }
    for (int i = 0; i < given.size(); i++) {
      String filter = given.get(i);
      try {
        MqttTopicValidator.validate(filter, true, true);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(key + "[" + i + "]", filter, "an MQTT topic filter (" + e.getMessage() + ")");
      }
    }
    return List.copyOf(given);
  }

  private static Map<String, String> devices(Map<String, String> given) {
    if (given == null) {
      return Map.of();
    }
    Map<String, String> normalised = new LinkedHashMap<>();
    given.forEach((device, person) -> {
      if (device == null || device.isBlank()) {
        throw new InvalidConfigException("devices", device, "a device id or MAC address as each key");
      }
      ConfigChecks.matches("devices." + device, person, PERSON_ID, PERSON_EXPECTED);
      normalised.put(DeviceIds.normalise(device), person);
    });
    return Map.copyOf(normalised);
  }

  /**
   * The {@code wrist} prompt channel: each prompt published to {@code <tendTopicPrefix>/<person>/<device>/prompt}
   * so a watch can buzz and show it.
   *
   * @param channel the channel name it serves; {@code none} turns the channel off
   * @param devices person to the device that gets their prompts; a person not listed gets them on the device
   *     their latest sample came from
   * @param qos the QoS of prompt messages, 0 to 2
   */
  public record PromptSettings(String channel, Map<String, String> devices, Integer qos) {

    /** The channel name that turns the channel off. */
    public static final String NONE = "none";

    /** Fills in defaults and checks every key. */
    public PromptSettings {
      channel = ConfigChecks.matches("channel", ConfigChecks.orDefault(channel, "wrist"),
          Pattern.compile("[A-Za-z0-9_.:-]{1,64}"), "a channel name of letters, digits, _, ., : or -, or none");
      Map<String, String> checked = new LinkedHashMap<>();
      if (devices != null) {
        devices.forEach((person, device) -> {
          ConfigChecks.matches("devices", person, PERSON_ID, PERSON_EXPECTED + " as each key");
          if (device == null || device.isBlank() || device.contains("/") || device.contains("+") || device.contains("#")) {
            throw new InvalidConfigException("devices." + person, device, "a device name without /, + or #");
          }
          checked.put(person, device);
        });
      }
      devices = Map.copyOf(checked);
      qos = ConfigChecks.intIn("qos", qos, 1, 0, 2);
    }

    /** Every default: channel {@code wrist}, devices learned from samples, QoS 1. */
    public static PromptSettings defaults() {
      return new PromptSettings(null, null, null);
    }

    /** False when the channel is turned off. */
    public boolean enabled() {
      return !channel.equals(NONE);
    }
  }

  /**
   * A topic that carries one plain number (a Home Assistant or Node-RED sensor), and whose it is.
   *
   * @param topic the exact topic, without wildcards
   * @param person the person id
   * @param kind the signal kind's wire name ({@code hr}, {@code eda}, ...)
   * @param device the device name used in samples; the topic when left out
   */
  public record StateTopic(String topic, String person, String kind, String device) {

    /** Checks every key. */
    public StateTopic {
      if (topic == null || topic.isBlank() || topic.contains("+") || topic.contains("#")) {
        throw new InvalidConfigException("topic", topic, "an MQTT topic without wildcards");
      }
      ConfigChecks.matches("person", person, PERSON_ID, PERSON_EXPECTED);
      if (kind == null || SignalKind.fromWireName(kind).isEmpty()) {
        throw new InvalidConfigException("kind", kind, "one of " + Arrays.stream(SignalKind.values())
            .map(SignalKind::wireName).collect(Collectors.joining(", ")));
      }
      device = ConfigChecks.orDefault(device, topic);
    }
  }
}
