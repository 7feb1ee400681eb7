package app.tend.hub.plugin;

import java.util.List;

/**
 * What the hub knows about one plugin, as shown by {@code /api/plugins}.
 *
 * @param id the plugin id
 * @param version its version, or empty when it could not be read
 * @param state its state
 * @param cause why it failed, or empty
 * @param required whether the hub is not ready while this plugin is not started
 * @param extensions the extension points it implements (simple names)
 * @param intake why its started signal source cannot take samples in now ({@link
 *     app.tend.api.SignalSource#intakeProblem()}), or empty
 */
public record PluginInfo(
    String id, String version, PluginState state, String cause, boolean required, List<String> extensions,
    String intake) {

  public PluginInfo {
    version = version == null ? "" : version;
    cause = cause == null ? "" : cause;
    intake = intake == null ? "" : intake;
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }
}
