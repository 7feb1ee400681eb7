package app.tend.plugins.home.assistant.ws;

import app.tend.api.BrokerSettings;
import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import app.tend.hub.channels.ChannelLookup;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The plugin's extensions started as the hub starts them: one after the other, on one event loop of the plugin. */
final class Harness implements AutoCloseable {

  static final String ID = "home-assistant-ws";

  final TestPluginContext context;
  final SpeakerChannel speaker;
  final PhoneChannel phone;
  final EntitySignals signals;
  private final Context loop;

  Harness(Vertx vertx, HomeAssistantWsConfig config, Clock clock, Path dataDir) throws Exception {
    context = new TestPluginContext(ID, vertx, config, clock, dataDir,
        new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(), Optional.empty(), false));
    speaker = new SpeakerChannel(context);
    phone = new PhoneChannel(context);
    signals = new EntitySignals(context);
    loop = vertx.getOrCreateContext();
    await(onLoop(() -> speaker.start().compose(ignored -> phone.start()).compose(ignored -> signals.start())));
  }

  /** The link both channels share. */
  HomeAssistantLink link() throws Exception {
    return await(onLoop(() -> Future.succeededFuture((HomeAssistantLink) loop.get(HomeAssistantLink.class.getName()))));
  }

  /** The connection's status, read on its event loop. */
  HaConnection.Status status() throws Exception {
    HomeAssistantLink link = link();
    return link == null ? HaConnection.Status.STOPPED
        : await(onLoop(() -> Future.succeededFuture(link.connection().status())));
  }

  /** Whether the link takes it to be the person's quiet hours. */
  boolean quiet(String person) throws Exception {
    HomeAssistantLink link = link();
    return await(onLoop(() -> Future.succeededFuture(link.quiet(person))));
  }

  /** How many times the connection tried to connect. */
  int attempts() throws Exception {
    HomeAssistantLink link = link();
    return await(onLoop(() -> Future.succeededFuture(link.connection().attempts())));
  }

  /** The hub's view of the channels: both by name; intents of the plugin are heard on the speaker. */
  ChannelLookup lookup() {
    List<PromptChannel> channels = List.of(speaker, phone);
    return new ChannelLookup() {
      @Override
      public Optional<PromptChannel> find(String name) {
        return channels.stream().filter(c -> c.channel().equals(name)).findFirst();
      }

      @Override
      public Optional<String> channelOf(String pluginId) {
        return pluginId.equals(ID) ? Optional.of(speaker.channel()) : Optional.empty();
      }

      @Override
      public Future<Void> deliver(PromptChannel target, Prompt prompt) {
        return target.deliver(prompt);
      }
    };
  }

  <T> Future<T> onLoop(java.util.function.Supplier<Future<T>> action) {
    io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
    loop.runOnContext(ignored -> action.get().onComplete(promise));
    return promise.future();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(onLoop(() -> signals.stop().compose(ignored -> phone.stop()).compose(ignored -> speaker.stop())));
  }
}
