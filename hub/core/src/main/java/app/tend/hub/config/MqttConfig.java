package app.tend.hub.config;

import app.tend.api.BrokerSettings;
import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.util.Optional;

/**
 * The MQTT broker: external when {@code url} is set, else embedded in the hub.
 *
 * @param url an external broker, {@code tcp://host:port} or {@code ssl://host:port}; empty runs the embedded one
 * @param host the address the embedded broker listens on
 * @param port the embedded broker's port; 0 picks a free one
 * @param username the user name the hub logs in with; for the embedded broker, the hub's own user instead of the
 *     generated {@code hub}
 * @param password the password that goes with it
 * @param caFile a PEM CA file to trust for an {@code ssl://} broker
 * @param maxQueueSize messages the embedded broker queues per client before dropping (HiveMQ's default of
 *     1,000 drops QoS 1 bursts)
 * @param allowAnonymous let clients without a user name into the embedded broker, with every right (as before
 *     Tend required users); clients with one are still checked
 * @param maxMessageKiB the largest MQTT message in KiB: the embedded broker refuses larger packets (topic and
 *     headers included) and the MQTT plugins drop larger payloads unread
 */
public record MqttConfig(String url, String host, Integer port, String username, String password, String caFile,
    Integer maxQueueSize, Boolean allowAnonymous, Integer maxMessageKiB) {

  /** The largest {@code maxMessageKiB}: 256 MiB, what MQTT itself allows. */
  public static final int MAX_MESSAGE_KIB_LIMIT = 256 * 1024;

  public MqttConfig {
    url = url == null ? "" : url.trim();
    if (!url.isEmpty() && !url.matches("(tcp|ssl|mqtt|mqtts)://[^/:\\s]+:\\d{1,5}")) {
      throw new InvalidConfigException("url", url, "tcp://host:port or ssl://host:port, or empty for the embedded broker");
    }
    host = ConfigChecks.orDefault(host, "127.0.0.1");
    port = ConfigChecks.intIn("port", port, 1883, 0, 65535);
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    caFile = caFile == null ? "" : caFile;
    maxQueueSize = ConfigChecks.intIn("maxQueueSize", maxQueueSize, 100_000, 1_000, 10_000_000);
    allowAnonymous = ConfigChecks.bool(allowAnonymous, false);
    maxMessageKiB = ConfigChecks.intIn("maxMessageKiB", maxMessageKiB, BrokerSettings.DEFAULT_MAX_MESSAGE_BYTES / 1024,
        1, MAX_MESSAGE_KIB_LIMIT);
  }

  /** Every key at its default: the embedded broker on 127.0.0.1:1883. */
  public static MqttConfig defaults() {
    return new MqttConfig(null, null, null, null, null, null, null, null, null);
  }

  /** {@code maxMessageKiB} in bytes. */
  public int maxMessageBytes() {
    return maxMessageKiB * 1024;
  }

  /** True when the hub runs its own broker. */
  public boolean embedded() {
    return url.isEmpty();
  }

  /** The user name, if one is set. */
  public Optional<String> user() {
    return username.isEmpty() ? Optional.empty() : Optional.of(username);
  }

  @Override
  public String toString() {
    return "MqttConfig[url=" + url + ", host=" + host + ", port=" + port + ", username=" + username
        + ", password=" + (password.isEmpty() ? "" : "***") + ", caFile=" + caFile + ", maxQueueSize=" + maxQueueSize
        + ", allowAnonymous=" + allowAnonymous + ", maxMessageKiB=" + maxMessageKiB + "]";
  }
}
