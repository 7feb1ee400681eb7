package app.tend.plugins.wearable.mqtt;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/** The {@code wearable-mqtt} plugin: wearable samples from an MQTT broker ({@link WearableMqttSource}). */
public final class WearableMqttPlugin extends TendPlugin {

  public WearableMqttPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return WearableMqttConfig.class;
  }
}
