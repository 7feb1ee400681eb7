package app.tend.plugins.home.assistant.ws;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/**
 * The {@code home-assistant-ws} plugin: Tend on what Home Assistant knows, over one connection to its WebSocket API
 * ({@link HomeAssistantLink}): a speaker channel on media players and Voice satellites ({@link SpeakerChannel}) and a
 * phone channel of companion-app notifications ({@link PhoneChannel}).
 */
public final class HomeAssistantWsPlugin extends TendPlugin {

  public HomeAssistantWsPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return HomeAssistantWsConfig.class;
  }
}
