package app.tend.hub.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code tend.yaml}, applies environment overrides and binds the result to {@link TendConfig}.
 */
public final class ConfigLoader {

  /** Environment variables that override keys, and the key each sets. */
  public static final Map<String, String> ENV_KEYS = envKeys();

  private static Map<String, String> envKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("TEND_DATA_DIR", "dataDir");
    keys.put("TEND_HTTP_HOST", "http.host");
    keys.put("TEND_HTTP_PORT", "http.port");
    keys.put("TEND_MQTT_URL", "mqtt.url");
    keys.put("TEND_MQTT_PORT", "mqtt.port");
    keys.put("TEND_MQTT_USERNAME", "mqtt.username");
    keys.put("TEND_MQTT_PASSWORD", "mqtt.password");
    keys.put("TEND_PLUGIN_FOLDER", "pluginFolder");
    return Map.copyOf(keys);
  }

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, or null for defaults only
   * @param env the environment (System.getenv() in production)
   * @throws ConfigException naming the key when anything is wrong
   */
  public Loaded load(Path file, Map<String, String> env) {
    ObjectNode root = read(file);
    Map<String, String> fromEnv = new LinkedHashMap<>();
    ENV_KEYS.forEach((variable, key) -> {
      String value = env.get(variable);
      if (value != null) {
        set(root, key, value);
        fromEnv.put(key, variable);
      }
    });
    ConfigBinder binder = new ConfigBinder(fromEnv);
    TendConfig config = binder.bind(root, TendConfig.class, "");
    for (Map.Entry<String, JsonNode> section : config.plugins().entrySet()) {
      if (!section.getValue().isObject() && !section.getValue().isNull()) {
        throw new ConfigException("plugins." + section.getKey() + ": wrong type: expected a section of keys");
      }
    }
    return new Loaded(config, binder);
  }

  private ObjectNode read(Path file) {
    if (file == null) {
      return yaml.createObjectNode();
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    try {
      JsonNode tree = yaml.readTree(file.toFile());
      if (tree == null || tree.isNull() || tree.isMissingNode()) {
        return yaml.createObjectNode();
      }
      if (!tree.isObject()) {
        throw new ConfigException(file + ": expected a section of keys at the top, got " + tree.getNodeType());
      }
      return (ObjectNode) tree;
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where = location == null ? "" : " line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new ConfigException(file + where + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
  }

  private static void set(ObjectNode root, String key, String value) {
    String[] parts = key.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], TextNode.valueOf(value));
  }

  /** The bound configuration and the binder, which plugin sections are bound with later. */
  public record Loaded(TendConfig config, ConfigBinder binder) {}
}
