package app.tend.hub.channels;

import app.tend.api.Addresses;
import app.tend.api.ChannelCapability;
import app.tend.api.Meters;
import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one prompt on the channel it names: counts it, and publishes it on {@link Addresses#PROMPTS}
 * once the channel has said or shown it.
 */
public final class PromptSender {

  private static final Logger log = LoggerFactory.getLogger(PromptSender.class);

  private final Vertx vertx;
  private final ChannelLookup channels;
  private final MeterRegistry meters;

  public PromptSender(Vertx vertx, ChannelLookup channels, MeterRegistry meters) {
    this.vertx = vertx;
    this.channels = channels;
    this.meters = meters;
  }

  /** Delivers the prompt; fails with {@link ChannelUnavailableException} when no plugin serves its channel. */
  public Future<Prompt> send(Prompt prompt) {
    Optional<PromptChannel> channel = channels.find(prompt.channel());
    if (channel.isEmpty()) {
      return Future.failedFuture(new ChannelUnavailableException(prompt.channel()));
    }
    return onCallersContext(channels.deliver(channel.get(), prompt))
        .<Prompt>map(done -> {
          meters.counter(Meters.PROMPTS_SENT, Meters.TAG_CHANNEL, prompt.channel()).increment();
          vertx.eventBus().publish(Addresses.PROMPTS.name(), prompt);
          return prompt;
        })
        .onFailure(e -> {
          meters.counter(Meters.PROMPTS_FAILED, Meters.TAG_CHANNEL, prompt.channel()).increment();
          log.warn("Channel {} could not deliver the {} prompt for {}: {}", prompt.channel(), prompt.kind(),
              prompt.person(), e.getMessage());
        });
  }

  /**
   * A channel completes its delivery on its own event loop; the caller (the runner, which is confined to
   * its own) goes on on the context it called from.
   */
  private static Future<Void> onCallersContext(Future<Void> delivered) {
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return delivered;
    }
    Promise<Void> result = Promise.promise();
    delivered.onComplete(done -> {
      if (Vertx.currentContext() == caller) {
        result.handle(done);
      } else {
        caller.runOnContext(ignored -> result.handle(done));
      }
    });
    return result.future();
  }

  /** True when a running plugin serves the channel. */
  public boolean available(String channel) {
    return channels.find(channel).isPresent();
  }

  /** What the channel can do; empty when no running plugin serves it. */
  public Set<ChannelCapability> capabilities(String channel) {
    return channels.find(channel).map(c -> {
      try {
        return Set.copyOf(c.capabilities());
      } catch (RuntimeException e) {
        log.warn("Channel {} cannot say what it can do: {}", channel, e.getMessage());
        return Set.<ChannelCapability>of();
      }
    }).orElse(Set.of());
  }

  /** The channel a plugin serves, if it runs one. */
  public Optional<String> channelOf(String pluginId) {
    return channels.channelOf(pluginId);
  }
}
