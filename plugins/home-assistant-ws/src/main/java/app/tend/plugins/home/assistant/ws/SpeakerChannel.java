package app.tend.plugins.home.assistant.ws;

import app.tend.api.ChannelCapability;
import app.tend.api.PluginContext;
import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import app.tend.plugins.home.assistant.ws.HomeAssistantWsConfig.Person;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker channel ({@code ha-speaker} by default): says prompts on the person's media player with
 * {@code tts.speak}, or on their Voice satellite with {@code assist_satellite.announce}. A delivery completes when the
 * words have been said, so the hub holds each step's time after them. Never speaks during the person's quiet hours:
 * the delivery fails and the hub tries the suggestion's next channel. A speaker cannot take an answer, so an offer or
 * a check-in said here also goes to the person's phone, with its buttons, when they have one.
 */
@Extension(ordinal = 1)
public final class SpeakerChannel implements PromptChannel {

  private static final Logger log = LoggerFactory.getLogger(SpeakerChannel.class);

  private final PluginContext context;
  private HomeAssistantLink link;
  private Context loop;

  public SpeakerChannel(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    loop = Vertx.currentContext();
    return HomeAssistantLink.acquire(context).onSuccess(acquired -> link = acquired).mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    return link == null ? Future.succeededFuture() : link.release();
  }

  @Override
  public String channel() {
    return context.config(HomeAssistantWsConfig.class).speakerChannel();
  }

  @Override
  public Set<ChannelCapability> capabilities() {
    return Set.of(ChannelCapability.VOICE, ChannelCapability.ANSWER);
  }

  @Override
  public Future<Void> deliver(Prompt prompt) {
    if (link == null) {
      return Future.failedFuture(new IllegalStateException("the " + channel() + " channel has not started"));
    }
    Promise<Void> done = Promise.promise();
    loop.runOnContext(ignored -> {
      Optional<String> unusable = link.unusable();
      if (unusable.isPresent()) {
        done.fail(new IllegalStateException(unusable.get()));
        return;
      }
      Optional<Person> person = link.config().person(prompt.person());
      if (person.isEmpty() || person.get().speaker().isEmpty()) {
        done.fail(new IllegalStateException("no speaker is set for " + prompt.person() + " (plugins."
            + context.pluginId() + ".persons." + prompt.person() + ".speaker)"));
        return;
      }
      if (link.quiet(prompt.person())) {
        done.fail(new IllegalStateException("it is " + prompt.person() + "'s quiet hours: " + person.get().speaker()
            + " stays silent"));
        return;
      }
      boolean answerOnPhone = !person.get().phone().isEmpty()
          && (prompt.kind() == Prompt.Kind.OFFER || prompt.kind() == Prompt.Kind.CHECK_IN);
      if (answerOnPhone) {
        link.notify(person.get(), prompt).onFailure(e -> log.info(
            "home-assistant-ws: could not put the {} for {} on their phone as well: {}", prompt.kind(),
            prompt.person(), e.getMessage()));
      }
      link.speak(person.get(), prompt).onComplete(done);
    });
    return done.future();
  }
}
