package app.tend.plugins.home.routines;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/**
 * The {@code home-routines} plugin: the targets home routines act on, {@link MqttTarget} ({@code mqtt}),
 * {@link HomeAssistantTarget} ({@code home-assistant}), {@link OpenHabTarget} ({@code openhab}) and
 * {@link WebhookTarget} ({@code webhook}).
 */
public final class HomeRoutinesPlugin extends TendPlugin {

  public HomeRoutinesPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return HomeRoutinesConfig.class;
  }
}
