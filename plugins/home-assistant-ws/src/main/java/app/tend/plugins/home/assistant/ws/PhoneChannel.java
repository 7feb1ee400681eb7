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

/**
 * The phone channel ({@code ha-phone} by default): shows prompts as companion-app notifications
 * ({@code notify.mobile_app_<device>}), which a Wear OS watch or an Apple Watch paired with the phone shows too.
 * An offer has Start and Not now, a step Stop, the check-in a 0-10 answer field and Done; their presses come back as
 * {@code mobile_app_notification_action} events and become feedback and intents. During quiet hours the notification
 * is silent. A delivery completes when Home Assistant took the notification.
 */
@Extension(ordinal = 2)
public final class PhoneChannel implements PromptChannel {

  private final PluginContext context;
  private HomeAssistantLink link;
  private Context loop;

  public PhoneChannel(PluginContext context) {
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
    return context.config(HomeAssistantWsConfig.class).phoneChannel();
  }

  @Override
  public Set<ChannelCapability> capabilities() {
    return Set.of(ChannelCapability.SCREEN, ChannelCapability.HAPTIC, ChannelCapability.ANSWER);
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
      if (person.isEmpty() || person.get().phone().isEmpty()) {
        done.fail(new IllegalStateException("no phone is set for " + prompt.person() + " (plugins."
            + context.pluginId() + ".persons." + prompt.person() + ".phone)"));
        return;
      }
      link.notify(person.get(), prompt).onComplete(done);
    });
    return done.future();
  }
}
