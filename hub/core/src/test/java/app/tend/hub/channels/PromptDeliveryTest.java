package app.tend.hub.channels;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.message.Prompt;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.plugin.PluginRuntime;
import app.tend.hub.plugin.PluginState;
import app.tend.testkit.ManualClock;
import app.tend.testkit.PluginJarBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PromptDeliveryTest {

  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

  @TempDir Path temp;
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(T0);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final BlockingQueue<Prompt> published = new LinkedBlockingQueue<>();
  private final Map<String, String> recorded = new java.util.concurrent.ConcurrentHashMap<>();
  private final OfferLog offers = (id, offer, at) -> {
    recorded.put(id, offer);
    return Future.succeededFuture();
  };
  private PluginRuntime runtime;

  PromptDeliveryTest() {
    MessageCodecs.register(vertx.eventBus());
    vertx.eventBus().<Prompt>consumer(Addresses.PROMPTS.name(), m -> published.add(m.body()));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (runtime != null) {
      runtime.stopAll().await(20, TimeUnit.SECONDS);
    }
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void offersOnTheFirstRunningChannelInTheSuggestionsOrder() throws Exception {
    TestChannel wrist = new TestChannel("wrist", TestChannel.Mode.DELIVER);
    PromptDelivery delivery = deployed(TestChannels.of(List.of(wrist)), SuggestionClaims.NONE);

    Suggestion s = suggestion(List.of("voice", "wrist", "page"));
    Prompt offered = result(delivery.deliver(s)).orElseThrow();

    assertThat(offered.kind()).isEqualTo(Prompt.Kind.OFFER);
    assertThat(offered.channel()).isEqualTo("wrist");
    assertThat(offered.suggestionId()).isEqualTo(s.id());
    assertThat(offered.text()).isEqualTo(s.words());
    assertThat(wrist.next()).isEqualTo(offered);
    assertThat(published.poll(5, TimeUnit.SECONDS)).isEqualTo(offered);
    assertThat(meters.get(Meters.PROMPTS_SENT).tag(Meters.TAG_CHANNEL, "wrist").counter().count()).isEqualTo(1);
    assertThat(recorded).containsExactly(Map.entry(s.id(), "wrist"));
  }

  @Test
  void fallsBackToTheNextChannelWhenOneFails() throws Exception {
    TestChannel voice = new TestChannel("voice", TestChannel.Mode.FAIL);
    TestChannel wrist = new TestChannel("wrist", TestChannel.Mode.DELIVER);
    PromptDelivery delivery = deployed(TestChannels.of(List.of(voice, wrist)), SuggestionClaims.NONE);

    Prompt offered = result(delivery.deliver(suggestion(List.of("voice", "wrist")))).orElseThrow();

    assertThat(voice.next().kind()).isEqualTo(Prompt.Kind.OFFER);
    assertThat(offered.channel()).isEqualTo("wrist");
    assertThat(meters.get(Meters.PROMPTS_FAILED).tag(Meters.TAG_CHANNEL, "voice").counter().count()).isEqualTo(1);
  }

  @Test
  void neverOffersAnExpiredSuggestion() throws Exception {
    TestChannel wrist = new TestChannel("wrist", TestChannel.Mode.DELIVER);
    PromptDelivery delivery = deployed(TestChannels.of(List.of(wrist)), SuggestionClaims.NONE);
    Suggestion s = suggestion(List.of("wrist"));
    clock.advance(Duration.ofMinutes(15));

    assertThat(result(delivery.deliver(s))).isEmpty();
    assertThat(wrist.poll()).isNull();
    assertThat(meters.get(Meters.SUGGESTIONS_UNDELIVERED).tag(Meters.TAG_REASON, "expired").counter().count()).isEqualTo(1);
    assertThat(recorded).containsExactly(Map.entry(s.id(), "undelivered:expired"));
  }

  @Test
  void suggestionTakenOrHeldByTheRunnerIsNotOffered() throws Exception {
    TestChannel wrist = new TestChannel("wrist", TestChannel.Mode.DELIVER);
    PromptDelivery taking = deployed(TestChannels.of(List.of(wrist)), s -> Future.succeededFuture(SuggestionClaims.Claim.TAKEN));
    PromptDelivery holding = deployed(TestChannels.of(List.of(wrist)), s -> Future.succeededFuture(SuggestionClaims.Claim.HOLD));

    Suggestion taken = suggestion(List.of("wrist"));
    Suggestion held = suggestion(List.of("wrist"));

    assertThat(result(taking.deliver(taken))).isEmpty();
    assertThat(result(holding.deliver(held))).isEmpty();
    assertThat(wrist.poll()).isNull();
    assertThat(recorded).containsOnly(Map.entry(taken.id(), "taken"), Map.entry(held.id(), "undelivered:exercise_running"));
  }

  @Test
  void suggestionOnTheBusIsOffered() throws Exception {
    TestChannel wrist = new TestChannel("wrist", TestChannel.Mode.DELIVER);
    deployed(TestChannels.of(List.of(wrist)), SuggestionClaims.NONE);
    Suggestion s = suggestion(List.of("wrist"));
    vertx.eventBus().publish(Addresses.SUGGESTIONS.name(), s);
    assertThat(wrist.next().suggestionId()).isEqualTo(s.id());
  }

  @Test
  void throwingChannelPluginIsMarkedFailedAndTheNextChannelIsUsed() throws Exception {
    Path folder = temp.resolve("plugins");
    channelPlugin(folder, "shouting-speaker", "voice", "throw new IllegalStateException(\"speaker on fire\");");
    channelPlugin(folder, "quiet-watch", "wrist", "return io.vertx.core.Future.succeededFuture();");
    runtime = new PluginRuntime(vertx, meters, new PluginRuntime.Settings(folder, temp.resolve("data"), Map.of(),
        new ConfigBinder(Map.of()), clock, new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(),
        Optional.empty(), false), "0.1.0"));
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);
    PromptDelivery delivery = deployed(new PluginChannels(runtime), SuggestionClaims.NONE);

    Prompt offered = result(delivery.deliver(suggestion(List.of("voice", "wrist")))).orElseThrow();

    assertThat(offered.channel()).isEqualTo("wrist");
    // Failing a plugin is one of its lifecycle operations, run in turn on the runtime's context.
    app.tend.hub.Await.until(() -> runtime.plugin("shouting-speaker").orElseThrow().state() == PluginState.FAILED,
        "the throwing plugin is marked failed");
    assertThat(runtime.plugin("shouting-speaker").orElseThrow().cause()).contains("speaker on fire");
    assertThat(runtime.plugin("quiet-watch").orElseThrow().state()).isEqualTo(PluginState.STARTED);
    Prompt next = result(delivery.deliver(suggestion(List.of("voice", "wrist")))).orElseThrow();
    assertThat(next.channel()).as("the failed plugin's channel is no longer asked").isEqualTo("wrist");
  }

  private PromptDelivery deployed(ChannelLookup channels, SuggestionClaims claims) {
    PromptDelivery delivery = new PromptDelivery(new PromptSender(vertx, channels, meters), claims, offers, clock, meters);
    result(vertx.deployVerticle(delivery));
    return delivery;
  }

  private Suggestion suggestion(List<String> channels) {
    return new Suggestion(UUID.randomUUID().toString(), "alex", "box-breathing", "Box breathing",
        "Would two minutes of box breathing help?", "Your heart rate is up.", Urgency.NORMAL, channels, clock.instant(),
        clock.instant().plus(Duration.ofMinutes(15)));
  }

  private static void channelPlugin(Path folder, String id, String channel, String deliverBody) {
    String pkg = "test." + id.replace('-', '_');
    PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", """
            package %s;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
            }
            """.formatted(pkg))
        .source(pkg + ".Channel", """
            package %1$s;
            @org.pf4j.Extension
            public class Channel implements app.tend.api.PromptChannel {
              @Override public String channel() { return "%2$s"; }
              @Override public java.util.Set<app.tend.api.ChannelCapability> capabilities() { return java.util.Set.of(); }
              @Override public io.vertx.core.Future<Void> deliver(app.tend.api.message.Prompt prompt) { %3$s }
            }
            """.formatted(pkg, channel, deliverBody))
        .buildInto(folder);
  }
}
