package app.tend.plugins.voice.hermes;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/** The {@code voice-hermes} plugin: Rhasspy 2.5 and other Hermes speakers over MQTT ({@link HermesChannel}). */
public final class VoiceHermesPlugin extends TendPlugin {

  public VoiceHermesPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return VoiceHermesConfig.class;
  }
}
