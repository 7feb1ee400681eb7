package app.tend.plugins.home.routines;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import app.tend.api.Secret;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The settings of the {@code home-routines} plugin (section {@code plugins.home-routines} of tend.yaml).
 * Secrets are never written here: each is named by an environment variable ({@code …Env}) or a file
 * ({@code …File}) that holds it.
 *
 * @param mqtt the broker the {@code mqtt} target publishes to; left out, the hub's own
 * @param homeAssistant the Home Assistant the {@code home-assistant} target calls
 * @param openhab the openHAB the {@code openhab} target calls
 * @param maxDetailChars how much of an answer's body an outcome keeps (for a readable error)
 */
public record HomeRoutinesConfig(Mqtt mqtt, Server homeAssistant, Server openhab, Integer maxDetailChars) {

  /** Fills in defaults and checks every key. */
  public HomeRoutinesConfig {
    mqtt = mqtt == null ? new Mqtt(null, null, null, null) : mqtt;
    homeAssistant = homeAssistant == null ? Server.NONE : homeAssistant;
    openhab = openhab == null ? Server.NONE : openhab;
    if (!homeAssistant.url().isEmpty() && !homeAssistant.hasToken()) {
      throw new InvalidConfigException("homeAssistant.tokenEnv", null,
          "tokenEnv or tokenFile naming a long-lived access token (Home Assistant: your profile, Security)");
    }
    maxDetailChars = ConfigChecks.intIn("maxDetailChars", maxDetailChars, 300, 0, 10_000);
  }

  /** All settings at their defaults. */
  public static HomeRoutinesConfig defaults() {
    return new HomeRoutinesConfig(null, null, null, null);
  }

  /**
   * An MQTT broker to publish to.
   *
   * @param url {@code tcp://host:port} or {@code ssl://host:port}; empty, the hub's broker
   * @param username the user name, or empty
   * @param passwordEnv the environment variable holding the password
   * @param passwordFile the file holding the password
   */
  public record Mqtt(String url, String username, String passwordEnv, String passwordFile) {

    /** Checks every key. */
    public Mqtt {
      url = ConfigChecks.orDefault(url, "").trim();
      if (!url.isEmpty() && !url.matches("(tcp|ssl|mqtt|mqtts)://[^/:]+:\\d+")) {
        throw new InvalidConfigException("url", url, "a broker URL like tcp://host:1883 or ssl://host:8883");
      }
      username = ConfigChecks.orDefault(username, "").trim();
      Secret.checkReference("password", passwordEnv, passwordFile);
    }
  }

  /**
   * A server reached over HTTP with a bearer token.
   *
   * @param url its base URL, e.g. {@code http://homeassistant.local:8123}; empty, the target is not set up
   * @param tokenEnv the environment variable holding the token
   * @param tokenFile the file holding the token
   */
  public record Server(String url, String tokenEnv, String tokenFile) {

    /** No server. */
    public static final Server NONE = new Server(null, null, null);

    /** Checks every key. */
    public Server {
      url = baseUrl("url", url);
      Secret.checkReference("token", tokenEnv, tokenFile);
    }

    /** True when a token is named. */
    public boolean hasToken() {
      return (tokenEnv != null && !tokenEnv.isBlank()) || (tokenFile != null && !tokenFile.isBlank());
    }
  }

  /** An http(s) URL without a trailing slash, or empty. */
  static String baseUrl(String key, String url) {
    String trimmed = ConfigChecks.orDefault(url, "").trim();
    if (trimmed.isEmpty()) {
      return "";
    }
    try {
      URI uri = new URI(trimmed);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getRawQuery() != null) {
        throw new InvalidConfigException(key, trimmed, "an http:// or https:// URL like http://homeassistant.local:8123");
      }
    } catch (URISyntaxException e) {
      throw new InvalidConfigException(key, trimmed, "an http:// or https:// URL like http://homeassistant.local:8123");
    }
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
