package app.tend.hub.channels;

import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Channels for tests, each owned by a made-up plugin id. */
public final class TestChannels implements ChannelLookup {

  private final Map<String, PromptChannel> byPlugin;

  /** @param byPlugin plugin id to the channel it serves */
  public TestChannels(Map<String, PromptChannel> byPlugin) {
    this.byPlugin = Map.copyOf(byPlugin);
  }

  /** One channel per plugin id named after it. */
  public static TestChannels of(List<TestChannel> channels) {
    java.util.Map<String, PromptChannel> map = new java.util.LinkedHashMap<>();
    channels.forEach(c -> map.put("plugin-" + c.channel(), c));
    return new TestChannels(map);
  }

  @Override
  public Optional<PromptChannel> find(String name) {
    return byPlugin.values().stream().filter(c -> c.channel().equals(name)).findFirst();
  }

  @Override
  public Optional<String> channelOf(String pluginId) {
    return Optional.ofNullable(byPlugin.get(pluginId)).map(PromptChannel::channel);
  }

  @Override
  public Future<Void> deliver(PromptChannel channel, Prompt prompt) {
    return channel.deliver(prompt);
  }
}
