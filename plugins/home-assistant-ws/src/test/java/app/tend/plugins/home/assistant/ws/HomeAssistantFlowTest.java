package app.tend.plugins.home.assistant.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.channels.OfferLog;
import app.tend.hub.channels.PromptDelivery;
import app.tend.hub.channels.PromptSender;
import app.tend.hub.config.RunnerConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.runner.ExerciseRunner;
import app.tend.hub.runner.Timers;
import app.tend.plugins.home.assistant.ws.HomeAssistantWsConfig.Person;
import app.tend.testkit.FreePorts;
import app.tend.testkit.ManualClock;
import app.tend.testkit.ManualTimers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The plugin against a Home Assistant stand-in that checks every message, with the hub's own prompt delivery and
 * exercise runner. The runner's time is moved by hand; the player's state changes when the test says so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HomeAssistantFlowTest {

  private static final String TOKEN = "long-lived-token-for-tests";
  private static final String KITCHEN = "media_player.kitchen";
  private static final String HEART_RATE = "sensor.pixel_watch_heart_rate";
  private static final String STEPS = "sensor.pixel_8_daily_steps";
  private static final String SAM_SATELLITE_DEVICE = "4f1d2c3b4a5968778695a4b3c2d1e0f1";
  private static final String ALEX_PHONE_DEVICE = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  private static final Duration QUIET = Duration.ofMillis(400);
  private static final String CATALOGUE = """
      exercises:
        - id: box-breathing
          title: Box breathing
          kind: BREATHING
          offer: Would a minute of box breathing help?
          why: Slow, even breaths tell your body it is safe to settle.
          steps:
            - {say: "Breathe in, two, three, four.", seconds: 4}
            - {say: "Hold, two, three, four.", seconds: 4}
            - {say: "Breathe out, two, three, four.", seconds: 6}
      """;

  @TempDir Path temp;
  private final ObjectMapper json = new ObjectMapper();
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-04T10:00:00Z"));
  private final ManualTimers timers = new ManualTimers(clock);
  private final BlockingQueue<Feedback> feedback = new LinkedBlockingQueue<>();
  private final BlockingQueue<Intent> intents = new LinkedBlockingQueue<>();
  private FakeHomeAssistant ha;
  private Harness plugin;
  private ExerciseRunner runner;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    port = FreePorts.next();
    ha = FakeHomeAssistant.start(TOKEN, port);
    ha.device("assist_satellite.study", SAM_SATELLITE_DEVICE);
    MessageCodecs.register(vertx.eventBus());
    vertx.eventBus().<Feedback>consumer(Addresses.FEEDBACK.name(), m -> feedback.add(m.body()));
    vertx.eventBus().<Intent>consumer(Addresses.INTENTS.name(), m -> intents.add(m.body()));
    Path tokenFile = temp.resolve("ha-token");
    Files.writeString(tokenFile, TOKEN + "\n");
    HomeAssistantWsConfig config = new HomeAssistantWsConfig("http://127.0.0.1:" + port, null, tokenFile.toString(),
        null, "tts.piper", null, null, null,
        Map.of("alex", new Person(KITCHEN, null, "mobile_app_pixel_8", null, List.of(ALEX_PHONE_DEVICE)),
            "sam", new Person("assist_satellite.study", null, null, null, null)),
        null, null, Map.of(HEART_RATE, new HomeAssistantWsConfig.Signal("alex", "hr"),
            STEPS, new HomeAssistantWsConfig.Signal("alex", "steps")),
        10, 2, 5, 4, 1, 1, null);
    plugin = new Harness(vertx, config, clock, temp.resolve("data"));

    Path file = temp.resolve("exercises.yaml");
    Files.writeString(file, CATALOGUE);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PromptSender sender = new PromptSender(vertx, plugin.lookup(), meters);
    runner = new ExerciseRunner(ExerciseCatalogue.load(file.toString()), sender, Set.of("alex", "sam")::contains,
        person -> List.of("ha-speaker", "ha-phone"), clock, new Timers() {
          @Override
          public long after(long delayMillis, Runnable task) {
            return timers.after(delayMillis, task);
          }

          @Override
          public void cancel(long id) {
            timers.cancel(id);
          }
        }, RunnerConfig.defaults(), meters);
    Harness.await(vertx.deployVerticle(runner));
    Harness.await(vertx.deployVerticle(new PromptDelivery(sender, runner, OfferLog.NONE, clock, meters)));
    awaitSubscribed();
  }

  private void awaitSubscribed() {
    await().atMost(Duration.ofSeconds(10)).until(() -> ha.eventSubscriptions("mobile_app_notification_action") == 1
        && ha.stateTriggerSubscriptions() == 2 && ha.sentenceTriggerSubscriptions() == 11
        && ha.commands().stream().anyMatch(c -> c.path("type").asText().equals("config/entity_registry/get")));
  }

  @AfterEach
  void tearDown() throws Exception {
    plugin.close();
    Harness.await(vertx.close());
    ha.close();
    assertThat(ha.violations()).as("messages Home Assistant would refuse").isEmpty();
  }

  @Test
  void authenticatesWithTheTokenThenSubscribesToThePlayersTheButtonsTheSentencesAndTheSignals() throws Exception {
    assertThat(ha.authenticated()).isEqualTo(1);
    List<JsonNode> commands = ha.commands();
    assertThat(commands).extracting(c -> c.path("id").asInt()).isSorted().doesNotHaveDuplicates();
    List<JsonNode> states = commands.stream().filter(c -> c.path("type").asText().equals("subscribe_trigger")
        && c.path("trigger").path("platform").asText().equals("state")).toList();
    assertThat(states).extracting(c -> c.path("trigger").path("entity_id").toString()).containsExactlyInAnyOrder(
        "[\"" + KITCHEN + "\"]", "[\"" + STEPS + "\",\"" + HEART_RATE + "\"]");
    assertThat(commands).anySatisfy(c -> assertThat(c.toString()).isEqualTo("{\"id\":" + c.path("id")
        + ",\"type\":\"subscribe_events\",\"event_type\":\"mobile_app_notification_action\"}"));
    assertThat(commands).anySatisfy(c -> assertThat(c.path("trigger").path("command").toString())
        .contains("I'm back from therapy"));
    assertThat(plugin.status()).isEqualTo(HaConnection.Status.READY);
  }

  @Test
  void assistSentencesWithWildcardsBecomeIntentsOfThePersonTheDeviceBelongsTo() throws Exception {
    assertThat(ha.say("start box breathing", SAM_SATELLITE_DEVICE)).isTrue();
    Intent start = nextIntent();
    assertThat(start.kind()).isEqualTo(Intent.Kind.START_EXERCISE);
    assertThat(start.person()).isEqualTo("sam");
    assertThat(start.slots()).containsEntry("exercise", "box breathing");
    assertThat(start.source()).isEqualTo(Harness.ID);
    assertThat(start.siteId()).isEqualTo(SAM_SATELLITE_DEVICE);
    // The runner guides it where it was heard: Sam's satellite.
    JsonNode first = ha.nextCall();
    assertThat(first.path("domain").asText()).isEqualTo("assist_satellite");
    assertThat(first.path("service_data").path("message").asText()).isEqualTo("Breathe in, two, three, four.");

    assertThat(ha.say("I'm back from therapy", ALEX_PHONE_DEVICE)).isTrue();
    Intent over = nextIntent();
    assertThat(over.kind()).isEqualTo(Intent.Kind.SESSION_OVER);
    assertThat(over.person()).isEqualTo("alex");

    assertThat(ha.say("I feel three", ALEX_PHONE_DEVICE)).isTrue();
    Intent rated = nextIntent();
    assertThat(rated.kind()).isEqualTo(Intent.Kind.RATE_DISTRESS);
    assertThat(rated.slots()).containsEntry("rating", "3");
    assertThat(ha.say("I feel stressed", ALEX_PHONE_DEVICE)).isTrue();
    assertThat(nextIntent().kind()).as("the literal sentence wins over the wildcard").isEqualTo(Intent.Kind.FEELING_STRESSED);

    assertThat(ha.say("I'm back from therapy", "ffffffffffffffffffffffffffffffff")).isTrue();
    assertThat(intents.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("a device that is no one's").isNull();
    assertThat(plugin.context.registry().find(app.tend.api.Meters.VOICE_IGNORED).tag("reason", "unknown_site")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void aWatchsHeartRateAndAStepCounterBecomeSamplesAtTheirLastChangedTime() throws Exception {
    BlockingQueue<app.tend.api.message.Sample> samples = new LinkedBlockingQueue<>();
    vertx.eventBus().<app.tend.api.message.Sample>consumer(Addresses.SAMPLES.name(), m -> samples.add(m.body()));
    Instant measured = Instant.parse("2026-03-04T09:58:12.345678Z");
    ha.state(HEART_RATE, "unavailable", measured);
    ha.state(HEART_RATE, "not a number", measured);
    ha.state(HEART_RATE, "72", measured);
    app.tend.api.message.Sample hr = samples.poll(10, TimeUnit.SECONDS);
    assertThat(hr).isNotNull();
    assertThat(hr.person()).isEqualTo("alex");
    assertThat(hr.kind()).isEqualTo(app.tend.api.message.SignalKind.HR);
    assertThat(hr.value()).isEqualTo(72.0);
    assertThat(hr.time()).isEqualTo(measured);
    assertThat(hr.device()).isEqualTo(HEART_RATE);

    ha.state(STEPS, "1000", measured);
    ha.state(STEPS, "1250", measured.plusSeconds(60));
    app.tend.api.message.Sample steps = samples.poll(10, TimeUnit.SECONDS);
    assertThat(steps).isNotNull();
    assertThat(steps.kind()).isEqualTo(app.tend.api.message.SignalKind.STEPS);
    assertThat(steps.value()).as("the steps since the previous count").isEqualTo(250.0);
    assertThat(samples.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    assertThat(plugin.context.registry().find(app.tend.api.Meters.WEARABLE_REJECTED).tag("reason", "malformed")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void guidedExerciseIsSpokenOnTheMediaPlayerOneStepAfterTheOtherAtThePlayersPace() throws Exception {
    Harness.await(runner.start("alex", "box-breathing", "ha-speaker", null));
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);

    String[] words = {"Breathe in, two, three, four.", "Hold, two, three, four.", "Breathe out, two, three, four."};
    int[] seconds = {4, 4, 6};
    for (int step = 0; step < words.length; step++) {
      JsonNode call = ha.nextCall();
      assertSpeaks(call, words[step]);
      assertThat(ha.callWithin(QUIET.toMillis())).as("nothing more while the step is being said").isNull();
      ha.state(KITCHEN, "playing");
      assertThat(ha.callWithin(QUIET.toMillis())).as("nothing more while the player plays").isNull();
      assertThat(timers.pending()).as("the runner has not begun to hold the step").isZero();
      ha.state(KITCHEN, "idle");
      await().atMost(Duration.ofSeconds(10)).until(() -> timers.pending() == 1);
      timers.advance(Duration.ofSeconds(seconds[step]).minusMillis(1));
      assertThat(ha.callWithin(QUIET.toMillis())).as("the step is held for its seconds").isNull();
      timers.advance(Duration.ofMillis(1));
    }
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.COMPLETED);

    // The check-in is said, and put on the phone where it can be answered.
    List<JsonNode> checkIn = List.of(ha.nextCall(), ha.nextCall());
    JsonNode spoken = checkIn.stream().filter(c -> c.path("domain").asText().equals("tts")).findFirst().orElseThrow();
    JsonNode shown = checkIn.stream().filter(c -> c.path("domain").asText().equals("notify")).findFirst().orElseThrow();
    assertThat(spoken.path("service_data").path("message").asText()).contains("0");
    assertThat(shown.path("service").asText()).isEqualTo("mobile_app_pixel_8");
    assertThat(shown.path("service_data").path("data").path("tag").asText()).isEqualTo("tend-alex");
    assertThat(shown.path("service_data").path("data").path("actions").toString()).contains("\"REPLY\"", "TEND_DONE_");
    ha.state(KITCHEN, "playing");
    ha.state(KITCHEN, "idle");

    ha.fireEvent("mobile_app_notification_action", data("action", "REPLY", "reply_text", "3", "tag", "tend-alex"));
    Feedback rated = nextFeedback();
    assertThat(rated.kind()).isEqualTo(Feedback.Kind.RATED);
    assertThat(rated.distress()).isEqualTo(3);
    assertThat(rated.exerciseId()).isEqualTo("box-breathing");
    JsonNode cleared = ha.nextCall();
    assertThat(cleared.path("service_data").path("message").asText()).isEqualTo("clear_notification");
  }

  @Test
  void startOnThePhonesNotificationStartsTheExerciseOnTheKitchenSpeaker() throws Exception {
    Suggestion suggestion = new Suggestion(UUID.randomUUID().toString(), "alex", "box-breathing", "Box breathing",
        "Would a minute of box breathing help?", "Your heart rate is up.", Urgency.NORMAL, List.of("ha-phone"),
        clock.instant(), clock.instant().plus(Duration.ofMinutes(15)));
    vertx.eventBus().publish(Addresses.SUGGESTIONS.name(), suggestion);

    JsonNode offer = ha.nextCall();
    assertThat(offer.path("domain").asText()).isEqualTo("notify");
    assertThat(offer.path("service").asText()).isEqualTo("mobile_app_pixel_8");
    assertThat(offer.has("target")).isFalse();
    JsonNode data = offer.path("service_data");
    assertThat(data.path("title").asText()).isEqualTo("Box breathing");
    assertThat(data.path("message").asText()).isEqualTo("Would a minute of box breathing help?");
    List<String> titles = new ArrayList<>();
    data.path("data").path("actions").forEach(a -> titles.add(a.path("title").asText()));
    assertThat(titles).containsExactly("Start", "Not now");
    String start = data.path("data").path("actions").get(0).path("action").asText();
    assertThat(start).startsWith("TEND_START_");

    // As the Android companion app sends it: the button's key and the notification's data.
    ha.fireEvent("mobile_app_notification_action", data("action", start, "tag", "tend-alex",
        "message", "Would a minute of box breathing help?", "title", "Box breathing"));
    Feedback accepted = nextFeedback();
    assertThat(accepted.kind()).isEqualTo(Feedback.Kind.ACCEPTED);
    assertThat(accepted.suggestionId()).isEqualTo(suggestion.id());
    assertThat(accepted.channel()).isEqualTo("ha-speaker");
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);

    List<JsonNode> next = List.of(ha.nextCall(), ha.nextCall());
    assertThat(next).anySatisfy(c -> assertThat(c.path("service_data").path("message").asText())
        .isEqualTo("clear_notification"));
    assertThat(next).anySatisfy(c -> assertSpeaks(c, "Breathe in, two, three, four."));
  }

  @Test
  void notNowOnTheNotificationSnoozesAndAPressTendNoLongerKnowsIsIgnored() throws Exception {
    Harness.await(plugin.phone.deliver(new Prompt("p1", "alex", "ha-phone", Prompt.Kind.OFFER, "s1", "box-breathing",
        "Box breathing", "Would a minute of box breathing help?", 0, 0, 0)));
    JsonNode offer = ha.nextCall();
    String notNow = offer.path("service_data").path("data").path("actions").get(1).path("action").asText();

    ha.fireEvent("mobile_app_notification_action", data("action", "TEND_START_0000000000"));
    ha.fireEvent("mobile_app_notification_action", data("action", "SOMEONE_ELSES_BUTTON"));
    ha.fireEvent("mobile_app_notification_action", data("action", notNow));
    Feedback snoozed = nextFeedback();
    assertThat(snoozed.kind()).isEqualTo(Feedback.Kind.SNOOZED);
    assertThat(snoozed.suggestionId()).isEqualTo("s1");
    assertThat(snoozed.channel()).isEqualTo("ha-phone");
    assertThat(feedback.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    assertThat(plugin.context.registry().find(app.tend.api.Meters.HOME_COMMANDS).tag("command", "unknown").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void duringQuietHoursTheSpeakerStaysSilentAndThePhoneIsSilentToo() throws Exception {
    vertx.eventBus().publish(Addresses.SCHEDULE.name(),
        new ScheduleStatus("alex", ScheduleState.QUIET_HOURS, true, null, null, clock.instant()));
    await().atMost(Duration.ofSeconds(10)).until(() -> plugin.quiet("alex"));
    Prompt notice = new Prompt("p1", "alex", "ha-speaker", Prompt.Kind.NOTICE, "", "", "", "Hello.", 0, 0, 0);
    assertThat(plugin.speaker.deliver(notice).toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10)).withThrowableThat().withMessageContaining("quiet hours");
    assertThat(ha.callWithin(QUIET.toMillis())).as("nothing is said aloud").isNull();

    Harness.await(plugin.phone.deliver(new Prompt("p2", "alex", "ha-phone", Prompt.Kind.OFFER, "s1", "box-breathing",
        "Box breathing", "Would a minute of box breathing help?", 0, 0, 0)));
    JsonNode offer = ha.nextCall();
    JsonNode extra = offer.path("service_data").path("data");
    assertThat(extra.path("push").path("interruption-level").asText()).isEqualTo("passive");
    assertThat(extra.path("importance").asText()).isEqualTo("low");

    ha.fireEvent("mobile_app_notification_action",
        data("action", extra.path("actions").get(0).path("action").asText()));
    Feedback accepted = nextFeedback();
    assertThat(accepted.kind()).isEqualTo(Feedback.Kind.ACCEPTED);
    assertThat(accepted.channel()).as("guided on the phone, not aloud").isEqualTo("ha-phone");
  }

  @Test
  void aVoiceSatelliteAnnouncesEachStepWithoutTheChime() throws Exception {
    Harness.await(plugin.speaker.deliver(new Prompt("p1", "sam", "ha-speaker", Prompt.Kind.STEP, "", "box-breathing",
        "Box breathing", "Breathe in, two, three, four.", 1, 3, 4)));
    JsonNode call = ha.nextCall();
    assertThat(call.path("domain").asText()).isEqualTo("assist_satellite");
    assertThat(call.path("service").asText()).isEqualTo("announce");
    assertThat(call.path("target").path("entity_id").asText()).isEqualTo("assist_satellite.study");
    assertThat(call.path("service_data").path("message").asText()).isEqualTo("Breathe in, two, three, four.");
    assertThat(call.path("service_data").path("preannounce").asBoolean(true)).isFalse();
  }

  @Test
  void homeAssistantRestartingMidStepIsReconnectedResubscribedAndTheExerciseGoesOn() throws Exception {
    Harness.await(runner.start("alex", "box-breathing", "ha-speaker", null));
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertSpeaks(ha.nextCall(), "Breathe in, two, three, four.");
    ha.state(KITCHEN, "playing");

    ha.down();
    await().atMost(Duration.ofSeconds(10)).until(() -> plugin.status() != HaConnection.Status.READY);
    ha.up();

    await().atMost(Duration.ofSeconds(10)).until(() -> ha.authenticated() == 2);
    awaitSubscribed();
    assertSpeaks(ha.nextCall(), "Breathe in, two, three, four.");
    ha.state(KITCHEN, "playing");
    ha.state(KITCHEN, "idle");
    await().atMost(Duration.ofSeconds(10)).until(() -> timers.pending() == 1);
    timers.advance(Duration.ofSeconds(4));
    assertSpeaks(ha.nextCall(), "Hold, two, three, four.");
    assertThat(feedback).as("nothing was abandoned").isEmpty();
  }

  @Test
  void homeAssistantGoneForLongerThanThePromptWaitsEndsTheExerciseAndNothingHangs() throws Exception {
    Harness.await(runner.start("alex", "box-breathing", "ha-speaker", null));
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertSpeaks(ha.nextCall(), "Breathe in, two, three, four.");

    ha.down();
    Feedback abandoned = feedback.poll(30, TimeUnit.SECONDS);
    assertThat(abandoned).isNotNull();
    assertThat(abandoned.kind()).isEqualTo(Feedback.Kind.ABANDONED);
    assertThat(Harness.await(runner.current("alex"))).isEmpty();

    ha.up();
    await().atMost(Duration.ofSeconds(10)).until(() -> plugin.status() == HaConnection.Status.READY);
    Harness.await(runner.start("alex", "box-breathing", "ha-speaker", null));
    assertSpeaks(ha.nextCall(), "Breathe in, two, three, four.");
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertSpeaks(JsonNode call, String words) {
    assertThat(call.path("domain").asText()).isEqualTo("tts");
    assertThat(call.path("service").asText()).isEqualTo("speak");
    assertThat(call.path("target").path("entity_id").asText()).isEqualTo("tts.piper");
    assertThat(call.path("service_data").path("media_player_entity_id").asText()).isEqualTo(KITCHEN);
    assertThat(call.path("service_data").path("message").asText()).isEqualTo(words);
  }

  private ObjectNode data(String... pairs) {
    ObjectNode data = json.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      data.put(pairs[i], pairs[i + 1]);
    }
    return data;
  }

  private Intent nextIntent() throws InterruptedException {
    Intent next = intents.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("intent").isNotNull();
    return next;
  }

  private Feedback nextFeedback() throws InterruptedException {
    Feedback next = feedback.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("feedback").isNotNull();
    return next;
  }
}
