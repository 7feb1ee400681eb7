package app.tend.plugins.home.assistant;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/** The {@code home-assistant} plugin: Tend's persons as devices in Home Assistant ({@link DiscoveryBridge}). */
public final class HomeAssistantPlugin extends TendPlugin {

  public HomeAssistantPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return HomeAssistantConfig.class;
  }
}
