package app.tend.plugins.voice.local;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/** The {@code voice-local} plugin: the hub's own machine speaks ({@link LocalSpeaker}). */
public final class VoiceLocalPlugin extends TendPlugin {

  public VoiceLocalPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return VoiceLocalConfig.class;
  }
}
