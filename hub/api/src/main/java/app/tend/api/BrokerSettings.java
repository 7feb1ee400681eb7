package app.tend.api;

import java.util.Optional;

/**
 * How to reach the hub's MQTT broker: the embedded one or the external one configured in {@code mqtt.url}.
 *
 * @param url the broker URL, {@code tcp://host:port} or {@code ssl://host:port}
 * @param username the user name, or empty
 * @param password the password, or empty; never logged ({@link #toString()} hides it)
 * @param caFile a PEM file of the CA that signed the broker's certificate, or empty for the JVM's trust store
 * @param embedded true when the hub runs the broker itself
 * @param maxMessageBytes the largest message the hub takes ({@code mqtt.maxMessageKiB}); a plugin drops larger ones
 *     unread
 */
public record BrokerSettings(String url, Optional<String> username, Optional<String> password, Optional<String> caFile,
    boolean embedded, int maxMessageBytes) {

  /** The hub's default {@code maxMessageBytes}: 256 KiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

  /** Checks the URL scheme and the size limit. */
  public BrokerSettings {
    if (url == null || !url.matches("(tcp|ssl|mqtt|mqtts)://[^/:]+:\\d+")) {
      throw new IllegalArgumentException("broker url must look like tcp://host:port, got '" + url + "'");
    }
    username = username == null ? Optional.empty() : username;
    password = password == null ? Optional.empty() : password;
    caFile = caFile == null ? Optional.empty() : caFile;
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
    }
  }

  /** Settings with the default message size limit. */
  public BrokerSettings(String url, Optional<String> username, Optional<String> password, Optional<String> caFile,
      boolean embedded) {
    this(url, username, password, caFile, embedded, DEFAULT_MAX_MESSAGE_BYTES);
  }

  /** True for {@code ssl://} and {@code mqtts://} URLs. */
  public boolean tls() {
    return url.startsWith("ssl://") || url.startsWith("mqtts://");
  }

  /**
   * The URL as MQTT client libraries such as Paho expect it: {@code mqtt://} written as {@code tcp://}
   * and {@code mqtts://} as {@code ssl://}.
   */
  public String clientUrl() {
    if (url.startsWith("mqtts://")) {
      return "ssl://" + url.substring("mqtts://".length());
    }
    if (url.startsWith("mqtt://")) {
      return "tcp://" + url.substring("mqtt://".length());
    }
    return url;
  }

  @Override
  public String toString() {
    return "BrokerSettings[url=" + url + ", username=" + username.orElse("") + ", password="
        + (password.isPresent() ? "***" : "") + ", embedded=" + embedded
        + ", maxMessageBytes=" + maxMessageBytes + "]";
  }
}
