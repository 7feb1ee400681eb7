package app.tend.plugins.wearable.simulator;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/** The {@code wearable-simulator} plugin: simulated wearables publishing over MQTT ({@link WearableSimulator}). */
public final class WearableSimulatorPlugin extends TendPlugin {

  public WearableSimulatorPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return WearableSimulatorConfig.class;
  }
}
