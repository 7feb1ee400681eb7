package app.tend.plugins.voice.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.PromptChannel;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.channels.ChannelLookup;
import app.tend.hub.channels.OfferLog;
import app.tend.hub.channels.PromptDelivery;
import app.tend.hub.channels.PromptSender;
import app.tend.hub.config.RunnerConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.runner.ExerciseRunner;
import app.tend.hub.runner.Timers;
import app.tend.testkit.ManualClock;
import app.tend.testkit.ManualTimers;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.TestPluginContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin against a real Mosquitto, with the hub's prompt delivery and exercise runner, and a fake
 * Rhasspy answering as the real one does. Time is moved by hand: no test waits for a step's seconds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HermesFlowTest {

  private static final Duration QUIET = Duration.ofMillis(400);
  private static final String CATALOGUE = """
      exercises:
        - id: calm-steps
          title: Calm steps
          kind: GROUNDING
          offer: Would some calm steps help?
          why: They help.
          steps:
            - {say: "Feet on the floor.", seconds: 10}
            - {say: "Name five things you see.", seconds: 20}
            - {say: "One slow breath.", seconds: 5}
      """;

  @TempDir Path temp;
  private MosquittoBroker broker;
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-04T10:00:00Z"));
  private final ManualTimers timers = new ManualTimers(clock);
  private final SimpleMeterRegistry hubMeters = new SimpleMeterRegistry();
  private final BlockingQueue<Feedback> feedback = new LinkedBlockingQueue<>();
  private final BlockingQueue<Intent> intents = new LinkedBlockingQueue<>();
  private TestPluginContext context;
  private HermesChannel channel;
  private FakeRhasspy rhasspy;
  private ExerciseRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
    MessageCodecs.register(vertx.eventBus());
    vertx.eventBus().<Feedback>consumer(Addresses.FEEDBACK.name(), m -> feedback.add(m.body()));
    vertx.eventBus().<Intent>consumer(Addresses.INTENTS.name(), m -> intents.add(m.body()));
    context = new TestPluginContext("voice-hermes", vertx,
        new VoiceHermesConfig(null, Map.of("kitchen", "alex"), null, 10, null, null), clock, temp.resolve("data"),
        new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false));
    channel = new HermesChannel(context);
    done(channel.start());
    done(channel.subscribed());
    rhasspy = new FakeRhasspy(broker.url());

    Path file = temp.resolve("exercises.yaml");
    Files.writeString(file, CATALOGUE);
    PromptSender sender = new PromptSender(vertx, lookup(channel), hubMeters);
    runner = new ExerciseRunner(ExerciseCatalogue.load(file.toString()), sender, Set.of("alex")::contains,
        person -> List.of("voice"), clock, new Timers() {
          @Override
          public long after(long delayMillis, Runnable task) {
            return timers.after(delayMillis, task);
          }

          @Override
          public void cancel(long id) {
            timers.cancel(id);
          }
        }, RunnerConfig.defaults(), hubMeters);
    done(vertx.deployVerticle(runner));
    done(vertx.deployVerticle(new PromptDelivery(sender, runner, OfferLog.NONE, clock, hubMeters)));
  }

  @AfterEach
  void tearDown() throws Exception {
    rhasspy.close();
    done(channel.stop());
    done(vertx.close());
    broker.close();
  }

  @Test
  void suggestionIsGuidedStepByStepEachAfterSayFinishedAndTheStepsTime() throws Exception {
    Suggestion suggestion = new Suggestion(UUID.randomUUID().toString(), "alex", "calm-steps", "Calm steps",
        "Would some calm steps help?", "Your heart rate is up.", Urgency.NORMAL, List.of("voice"), clock.instant(),
        clock.instant().plus(Duration.ofMinutes(15)));
    vertx.eventBus().publish(Addresses.SUGGESTIONS.name(), suggestion);

    JsonNode offer = rhasspy.next(HermesChannel.START_SESSION);
    assertThat(offer.path("siteId").asText()).isEqualTo("kitchen");
    assertThat(offer.path("init").path("type").asText()).isEqualTo("action");
    assertThat(offer.path("init").path("text").asText()).isEqualTo("Would some calm steps help?");
    assertThat(offer.path("init").path("canBeEnqueued").asBoolean(true)).isFalse();
    assertThat(offer.path("init").path("intentFilter").toString()).contains("TendYes");
    String session = rhasspy.startSession(offer);

    rhasspy.intent("TendYes", "kitchen", session, "[]");
    assertThat(rhasspy.next(HermesChannel.END_SESSION).path("sessionId").asText()).isEqualTo(session);
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);

    List<String> spoken = new java.util.ArrayList<>();
    int[] seconds = {10, 20, 5};
    for (int step = 0; step < 3; step++) {
      JsonNode say = rhasspy.next(HermesChannel.SAY);
      assertThat(say.path("siteId").asText()).isEqualTo("kitchen");
      assertThat(say.path("id").asText()).isNotBlank();
      spoken.add(say.path("text").asText());
      timers.advance(Duration.ofMinutes(1));
      assertThat(rhasspy.within(QUIET)).as("no next step before sayFinished").isNull();

      rhasspy.sayFinished(say);
      await().atMost(Duration.ofSeconds(10)).until(() -> timers.pending() == 1);
      timers.advance(Duration.ofSeconds(seconds[step]).minusMillis(1));
      assertThat(rhasspy.within(QUIET)).as("no next step before the step's time is over").isNull();
      timers.advance(Duration.ofMillis(1));
    }
    assertThat(spoken).containsExactly("Feet on the floor.", "Name five things you see.", "One slow breath.");
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.COMPLETED);

    JsonNode checkIn = rhasspy.next(HermesChannel.START_SESSION);
    assertThat(checkIn.path("init").path("text").asText()).contains("from 0");
    assertThat(checkIn.path("init").path("intentFilter").toString()).contains("TendRateDistress");
    String checkInSession = rhasspy.startSession(checkIn);
    rhasspy.intent("TendRateDistress", "kitchen", checkInSession,
        "[{\"entity\": \"rating\", \"slotName\": \"rating\", \"rawValue\": \"three\", \"value\": {\"kind\": \"Number\", \"value\": 3}}]");

    Feedback rated = nextFeedback();
    assertThat(rated.kind()).isEqualTo(Feedback.Kind.RATED);
    assertThat(rated.distress()).isEqualTo(3);
    assertThat(rated.exerciseId()).isEqualTo("calm-steps");
    assertThat(rated.suggestionId()).isEqualTo(suggestion.id());
    JsonNode end = rhasspy.next(HermesChannel.END_SESSION);
    assertThat(end.path("sessionId").asText()).isEqualTo(checkInSession);
    assertThat(end.path("text").asText()).isEqualTo("Thank you.");
    assertThat(hubMeters.get(Meters.PROMPTS_SENT).tag(Meters.TAG_CHANNEL, "voice").counter().count()).isEqualTo(5);
  }

  @Test
  void offerStartedOnTheDashboardEndsItsOpenDialogueSession() throws Exception {
    Suggestion suggestion = offer();
    String session = rhasspy.startSession(rhasspy.next(HermesChannel.START_SESSION));

    done(runner.start("alex", "calm-steps", "voice", suggestion.id()));

    List<FakeRhasspy.Heard> next = List.of(rhasspy.next(), rhasspy.next());
    assertThat(next).as("the session is ended, silently, and the first step said")
        .anySatisfy(h -> {
          assertThat(h.topic()).isEqualTo(HermesChannel.END_SESSION);
          assertThat(h.body().path("sessionId").asText()).isEqualTo(session);
          assertThat(h.body().has("text")).isFalse();
        })
        .anySatisfy(h -> assertThat(h.body().path("text").asText()).isEqualTo("Feet on the floor."));
  }

  @Test
  void offerDismissedElsewhereBeforeItsSessionStartedEndsTheSessionWhenItStarts() throws Exception {
    Suggestion suggestion = offer();
    JsonNode start = rhasspy.next(HermesChannel.START_SESSION);

    vertx.eventBus().publish(Addresses.FEEDBACK.name(), new Feedback("alex", suggestion.id(), "calm-steps",
        Feedback.Kind.DISMISSED, null, null, "home-assistant", clock.instant()));
    await().atMost(Duration.ofSeconds(10)).until(() -> feedback.stream().anyMatch(f -> f.kind() == Feedback.Kind.DISMISSED));
    String session = rhasspy.startSession(start);

    assertThat(rhasspy.next(HermesChannel.END_SESSION).path("sessionId").asText()).isEqualTo(session);
  }

  @Test
  void anotherPersonsAnswerLeavesTheOfferOpen() throws Exception {
    offer();
    rhasspy.startSession(rhasspy.next(HermesChannel.START_SESSION));

    vertx.eventBus().publish(Addresses.FEEDBACK.name(), new Feedback("sam", "", "calm-steps",
        Feedback.Kind.STARTED, null, null, "api", clock.instant()));

    assertThat(rhasspy.within(Duration.ofSeconds(1))).isNull();
  }

  private Suggestion offer() {
    Suggestion suggestion = new Suggestion(UUID.randomUUID().toString(), "alex", "calm-steps", "Calm steps",
        "Would some calm steps help?", "Your heart rate is up.", Urgency.NORMAL, List.of("voice"), clock.instant(),
        clock.instant().plus(Duration.ofMinutes(15)));
    vertx.eventBus().publish(Addresses.SUGGESTIONS.name(), suggestion);
    return suggestion;
  }

  @Test
  void checkInNotUnderstoodTwiceEndsTheRunAtOnceSoTheNextStartHappens() throws Exception {
    String session = guideToTheCheckIn();
    rhasspy.notRecognized(session, "kitchen");
    assertThat(rhasspy.next(HermesChannel.CONTINUE_SESSION).path("text").asText()).startsWith("Sorry");
    rhasspy.notRecognized(session, "kitchen");
    JsonNode end = rhasspy.next(HermesChannel.END_SESSION);
    assertThat(end.path("sessionId").asText()).isEqualTo(session);

    assertNoAnswerEndedTheRun();
  }

  @Test
  void checkInWithoutANumberTwiceEndsTheRunAtOnce() throws Exception {
    String session = guideToTheCheckIn();
    String noNumber = "[{\"slotName\": \"rating\", \"rawValue\": \"bad\", \"value\": {\"value\": \"bad\"}}]";
    rhasspy.intent("TendRateDistress", "kitchen", session, noNumber);
    assertThat(rhasspy.next(HermesChannel.CONTINUE_SESSION).path("text").asText()).contains("number from 0 to 10");
    rhasspy.intent("TendRateDistress", "kitchen", session, noNumber);
    assertThat(rhasspy.next(HermesChannel.END_SESSION).path("sessionId").asText()).isEqualTo(session);

    assertNoAnswerEndedTheRun();
  }

  @Test
  void checkInSessionThatTheDialogueManagerEndsEndsTheRunAtOnce() throws Exception {
    String session = guideToTheCheckIn();
    rhasspy.sessionEnded(session, "kitchen", "timeout");

    assertNoAnswerEndedTheRun();
  }

  @Test
  void intentNamingAnExerciseStartsIt() throws Exception {
    rhasspy.intent("TendStartExercise", "kitchen", "wake-1",
        "[{\"slotName\": \"exercise\", \"value\": {\"kind\": \"Unknown\", \"value\": \"calm steps\"}}]");

    Intent intent = intents.poll(10, TimeUnit.SECONDS);
    assertThat(intent).isNotNull();
    assertThat(intent.kind()).isEqualTo(Intent.Kind.START_EXERCISE);
    assertThat(intent.person()).isEqualTo("alex");
    assertThat(intent.siteId()).isEqualTo("kitchen");
    assertThat(intent.source()).isEqualTo("voice-hermes");
    assertThat(intent.slots()).containsEntry("exercise", "calm steps");
    assertThat(rhasspy.next(HermesChannel.END_SESSION).path("sessionId").asText()).isEqualTo("wake-1");
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(rhasspy.next(HermesChannel.SAY).path("text").asText()).isEqualTo("Feet on the floor.");
  }

  @Test
  void unknownIntentsAndMalformedMessagesAreIgnoredAndCounted() throws Exception {
    rhasspy.intent("GetTime", "kitchen", "wake-1", "[]");
    rhasspy.publish(HermesChannel.INTENT_PREFIX + "TendFeelingStressed", "{\"intent\": {\"intentName\": ");
    rhasspy.intent("TendFeelingStressed", "garage", "wake-2", "[]");
    rhasspy.publish(HermesChannel.SAY_FINISHED, "not json");
    rhasspy.intent("TendFeelingStressed", "kitchen", "", "[]");

    Intent intent = intents.poll(10, TimeUnit.SECONDS);
    assertThat(intent).isNotNull();
    assertThat(intent.kind()).isEqualTo(Intent.Kind.FEELING_STRESSED);
    assertThat(intents).isEmpty();
    assertThat(ignored("unknown_intent")).isEqualTo(1);
    assertThat(ignored("malformed")).isEqualTo(2);
    assertThat(ignored("unknown_site")).isEqualTo(1);
    assertThat(context.failures()).isEmpty();
    assertThat(rhasspy.next(HermesChannel.END_SESSION).path("sessionId").asText())
        .as("only the session of Tend's own intent from an unknown site is ended").isEqualTo("wake-2");
  }

  @Test
  void ratingWithoutANumberIsAskedForAgain() throws Exception {
    rhasspy.intent("TendRateDistress", "kitchen", "wake-1", "[]");
    JsonNode end = rhasspy.next(HermesChannel.END_SESSION);
    assertThat(end.path("sessionId").asText()).isEqualTo("wake-1");
    assertThat(ignored("bad_rating")).isEqualTo(1);
    assertThat(intents.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void promptForAPersonWithoutASiteFails() {
    Prompt prompt = new Prompt("p1", "sam", "voice", Prompt.Kind.NOTICE, "", "", "", "Hello.", 0, 0, 0);
    assertThat(channel.deliver(prompt).toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10));
  }

  /** Starts calm-steps by voice and says each step; returns the check-in's dialogue session. */
  private String guideToTheCheckIn() throws Exception {
    rhasspy.intent("TendStartExercise", "kitchen", "wake-1",
        "[{\"slotName\": \"exercise\", \"value\": {\"kind\": \"Unknown\", \"value\": \"calm steps\"}}]");
    assertThat(rhasspy.next(HermesChannel.END_SESSION).path("sessionId").asText()).isEqualTo("wake-1");
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    for (int seconds : new int[] {10, 20, 5}) {
      rhasspy.sayFinished(rhasspy.next(HermesChannel.SAY));
      await().atMost(Duration.ofSeconds(10)).until(() -> timers.pending() == 1);
      timers.advance(Duration.ofSeconds(seconds));
    }
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.COMPLETED);
    JsonNode checkIn = rhasspy.next(HermesChannel.START_SESSION);
    assertThat(checkIn.path("init").path("intentFilter").toString()).contains("TendRateDistress");
    String session = rhasspy.startSession(checkIn);
    await().atMost(Duration.ofSeconds(10)).until(() -> timers.pending() == 1);
    assertThat(done(runner.current("alex")).orElseThrow().step()).as("at the check-in").isZero();
    assertThat(intents.poll()).isNotNull().extracting(Intent::kind).isEqualTo(Intent.Kind.START_EXERCISE);
    return session;
  }

  /** NO_ANSWER was published, the run is over long before checkInMinutes, unrated, and a new one starts. */
  private void assertNoAnswerEndedTheRun() throws Exception {
    Intent none = intents.poll(10, TimeUnit.SECONDS);
    assertThat(none).as("NO_ANSWER").isNotNull();
    assertThat(none.kind()).isEqualTo(Intent.Kind.NO_ANSWER);
    assertThat(none.person()).isEqualTo("alex");
    assertThat(none.siteId()).isEqualTo("kitchen");
    await().atMost(Duration.ofSeconds(10)).until(() -> done(runner.current("alex")).isEmpty());
    assertThat(feedback).as("no rating, nothing abandoned").isEmpty();
    assertThat(done(runner.start("alex", "calm-steps", null, null)).step()).isEqualTo(1);
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(rhasspy.next(HermesChannel.SAY).path("text").asText()).isEqualTo("Feet on the floor.");
  }

  private double ignored(String reason) {
    var counter = context.registry().find(Meters.VOICE_IGNORED).tag(Meters.TAG_REASON, reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private Feedback nextFeedback() throws InterruptedException {
    Feedback next = feedback.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("feedback").isNotNull();
    return next;
  }

  private static ChannelLookup lookup(PromptChannel channel) {
    return new ChannelLookup() {
      @Override
      public Optional<PromptChannel> find(String name) {
        return name.equals(channel.channel()) ? Optional.of(channel) : Optional.empty();
      }

      @Override
      public Optional<String> channelOf(String pluginId) {
        return pluginId.equals("voice-hermes") ? Optional.of(channel.channel()) : Optional.empty();
      }

      @Override
      public Future<Void> deliver(PromptChannel target, Prompt prompt) {
        return target.deliver(prompt);
      }
    };
  }

  private static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
