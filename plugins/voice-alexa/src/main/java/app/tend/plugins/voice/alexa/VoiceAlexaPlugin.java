package app.tend.plugins.voice.alexa;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/** The {@code voice-alexa} plugin: an Alexa custom skill's endpoint and prompt channel ({@link AlexaChannel}). */
public final class VoiceAlexaPlugin extends TendPlugin {

  public VoiceAlexaPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return VoiceAlexaConfig.class;
  }
}
