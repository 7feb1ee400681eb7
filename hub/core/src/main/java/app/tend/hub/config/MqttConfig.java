package app.tend.hub.config;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.util.Optional;

/**
 * The MQTT broker: external when {@code url} is set, else embedded in the hub.
 *
 * @param url an external broker, {@code tcp://host:port} or {@code ssl://host:port}; empty runs the embedded one
 * @param host the address the embedded broker listens on
 * @param port the embedded broker's port; 0 picks a free one
 * @param username the user name clients use; the embedded broker then requires it
 * @param password the password clients use
 * @param caFile a PEM CA file to trust for an {@code ssl://} broker
 * @param maxQueueSize messages the embedded broker queues per client before dropping (HiveMQ's default of
 *     1,000 drops QoS 1 bursts)
 */
public record MqttConfig(
    String url, String host, Integer port, String username, String password, String caFile, Integer maxQueueSize) {

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
        + ", password=" + (password.isEmpty() ? "" : "***") + ", caFile=" + caFile + ", maxQueueSize=" + maxQueueSize + "]";
  }
}
