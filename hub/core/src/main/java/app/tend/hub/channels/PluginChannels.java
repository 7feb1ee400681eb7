package app.tend.hub.channels;

import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import app.tend.hub.plugin.PluginRuntime;
import io.vertx.core.Future;
import java.util.Optional;

/** The channels of the running plugins: a channel that throws, even when asked its name, fails its plugin. */
public final class PluginChannels implements ChannelLookup {

  private final PluginRuntime plugins;

  public PluginChannels(PluginRuntime plugins) {
    this.plugins = plugins;
  }

  @Override
  public Optional<PromptChannel> find(String name) {
    for (PromptChannel channel : plugins.extensions(PromptChannel.class)) {
      if (name.equals(nameOf(channel))) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> channelOf(String pluginId) {
    for (PromptChannel channel : plugins.extensions(PromptChannel.class)) {
      if (plugins.ownerOf(channel).filter(pluginId::equals).isPresent()) {
        return Optional.ofNullable(nameOf(channel));
      }
    }
    return Optional.empty();
  }

  @Override
  public Future<Void> deliver(PromptChannel channel, Prompt prompt) {
    return plugins.call(channel, () -> channel.deliver(prompt));
  }

  private String nameOf(PromptChannel channel) {
    try {
      return channel.channel();
    } catch (RuntimeException e) {
      plugins.ownerOf(channel).ifPresent(owner -> plugins.fail(owner, e));
      return null;
    }
  }
}
