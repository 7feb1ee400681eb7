package app.tend.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's configuration, {@code config/tend.yaml}; see the README for every key.
 *
 * @param dataDir where the hub keeps its files (broker data, database, plugin folders)
 * @param http the HTTP server
 * @param mqtt the MQTT broker
 * @param pluginFolder where plugins are loaded from: jars in it, or {@code <folder>/<id>/target/*.jar} in a checkout
 * @param plugins each plugin's section by plugin id: {@code enabled}, {@code required} and its own keys
 * @param stress the stress engine
 */
public record TendConfig(
    String dataDir, HttpConfig http, MqttConfig mqtt, String pluginFolder, Map<String, JsonNode> plugins,
    StressConfig stress) {

  public TendConfig {
    dataDir = dataDir == null || dataDir.isBlank() ? "data" : dataDir;
    http = http == null ? new HttpConfig(null, null) : http;
    mqtt = mqtt == null ? new MqttConfig(null, null, null, null, null, null, null) : mqtt;
    pluginFolder = pluginFolder == null || pluginFolder.isBlank() ? "plugins" : pluginFolder;
    plugins = plugins == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plugins));
    stress = stress == null ? StressConfig.defaults() : stress;
  }

  /** {@link #dataDir()} as a path. */
  public Path dataPath() {
    return Path.of(dataDir);
  }

  /** {@link #pluginFolder()} as a path. */
  public Path pluginPath() {
    return Path.of(pluginFolder);
  }

  /** A copy with other plugin sections. */
  public TendConfig withPlugins(Map<String, JsonNode> sections) {
    return new TendConfig(dataDir, http, mqtt, pluginFolder, sections, stress);
  }
}
