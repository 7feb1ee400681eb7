package app.tend.hub.channels;

import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import io.vertx.core.Future;
import java.util.Optional;

/** The running prompt channels, and calls into them with each plugin's faults kept to that plugin. */
public interface ChannelLookup {

  /** A running channel that serves this name, if any. */
  Optional<PromptChannel> find(String name);

  /** The name of the channel a plugin serves, if it runs one (so an answer goes back where it was asked). */
  Optional<String> channelOf(String pluginId);

  /** Delivers through the channel; a channel that throws fails its plugin, not the caller. */
  Future<Void> deliver(PromptChannel channel, Prompt prompt);
}
