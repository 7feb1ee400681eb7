package app.tend.plugins.voice.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.PromptChannel;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
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
import app.tend.testkit.TestPluginContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skill endpoint over real HTTP with requests in Amazon's documented shape, signed with a certificate
 * chain made for the test, and the hub's runner guiding the real box-breathing exercise across turns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlexaSkillTest {

  static final String APP_ID = "amzn1.ask.skill.7d1e5f3a-tend-test";
  static final String CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem";
  static final Instant FIXTURE_TIME = Instant.parse("2026-03-04T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BREAK = Pattern.compile("<break time=\"(\\d+)s\"/>");
  private static TestCertificates certificates;

  @TempDir Path temp;
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(FIXTURE_TIME.plusSeconds(5));
  /** Only the waits for an answer's speech; the turn timers are Vert.x's. */
  private final ManualTimers speech = new ManualTimers(clock);
  private final BlockingQueue<Feedback> feedback = new LinkedBlockingQueue<>();
  private final BlockingQueue<Intent> intents = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestPluginContext context;
  private int port;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = new TestCertificates(FIXTURE_TIME, RequestVerifier.SAN);
  }

  @BeforeEach
  void setUp() throws Exception {
    MessageCodecs.register(vertx.eventBus());
    vertx.eventBus().<Feedback>consumer(Addresses.FEEDBACK.name(), m -> feedback.add(m.body()));
    vertx.eventBus().<Intent>consumer(Addresses.INTENTS.name(), m -> intents.add(m.body()));
    context = new TestPluginContext("voice-alexa", vertx, new VoiceAlexaConfig(APP_ID, null,
        Map.of("amzn1.ask.account.AFXALEXEXAMPLE", "alex"), null, null, 1500, null), clock, temp.resolve("data"),
        new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(), Optional.empty(), false));
    byte[] pem = certificates.pem();
    AlexaChannel channel = new AlexaChannel(context, Set.of(new TrustAnchor(certificates.ca, null)),
        url -> url.toString().equals(CERT_URL) ? Future.succeededFuture(pem) : Future.failedFuture("404 " + url),
        new SpeechTimers() {
          @Override
          public long after(long delayMillis, Runnable task) {
            return speech.after(delayMillis, task);
          }

          @Override
          public void cancel(long id) {
            speech.cancel(id);
          }
        });
    done(channel.start());

    Router router = Router.router(vertx);
    router.route("/plugins/voice-alexa/*").subRouter(context.router());
    HttpServer server = done(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    port = server.actualPort();

    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PromptSender sender = new PromptSender(vertx, lookup(channel), meters);
    ExerciseRunner runner = new ExerciseRunner(ExerciseCatalogue.load(""), sender, Set.of("alex")::contains,
        person -> List.of("alexa"), clock, Timers.of(vertx), RunnerConfig.defaults(), meters);
    done(vertx.deployVerticle(runner));
    done(vertx.deployVerticle(new PromptDelivery(sender, runner, OfferLog.NONE, clock, meters)));
  }

  @AfterEach
  void tearDown() throws Exception {
    done(vertx.close());
  }

  @Test
  void launchRequestIsWelcomedInWellFormedSsml() throws Exception {
    HttpResponse<String> response = post(fixture("launch-request.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("version").asText()).isEqualTo("1.0");
    assertThat(answer.path("response").path("shouldEndSession").asBoolean(true)).isFalse();
    String ssml = ssmlOf(answer);
    assertWellFormed(ssml);
    assertThat(ssml).contains("Welcome to Tend");
    assertWellFormed(answer.path("response").path("reprompt").path("outputSpeech").path("ssml").asText());
  }

  @Test
  void twoMinuteExerciseIsGuidedAcrossTurnsWithinAlexasLimits() throws Exception {
    List<String> answers = guide("box-breathing");

    assertThat(answers).as("a two-minute exercise needs more than one turn").hasSizeGreaterThan(1);
    assertThat(answers).as("turns").hasSizeLessThan(10);
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);

    JsonNode thanks = JSON.readTree(post(fixture("intent-request-rate-distress.json")).body());
    assertThat(ssmlOf(thanks)).contains("Thank you");
    assertThat(thanks.path("response").path("shouldEndSession").asBoolean()).isTrue();
    assertThat(nextFeedback().kind()).as("the person spoke, so the speech was over").isEqualTo(Feedback.Kind.COMPLETED);
    Feedback rated = nextFeedback();
    assertThat(rated.kind()).isEqualTo(Feedback.Kind.RATED);
    assertThat(rated.distress()).isEqualTo(3);
    assertThat(rated.exerciseId()).isEqualTo("box-breathing");
    assertThat(rated.channel()).isEqualTo("alexa");
  }

  @Test
  void walkIsSplitAcrossAnswersOfAtMostTurnSecondsWithEveryPauseKept() throws Exception {
    List<String> answers = guide("walk");

    assertThat(answers.size()).as("ten minutes of walking in answers of 90 s").isBetween(10, 16);
    assertThat(breakSeconds(answers)).as("every second of the walk's pauses is said")
        .isEqualTo(pausesOf("walk"));
  }

  @Test
  void resonantBreathingKeepsEachBreathWholeAndSplitsOnlyItsLongPause() throws Exception {
    List<String> answers = guide("resonant-breathing");

    assertThat(answers.size()).as("about three minutes in answers of 90 s").isBetween(3, 4);
    assertThat(breakSeconds(answers)).isEqualTo(pausesOf("resonant-breathing"));
    for (var step : catalogueSteps("resonant-breathing")) {
      Prompt prompt = stepPrompt(step);
      int pause = Conversations.pauseSeconds(prompt);
      if (Ssml.speakingSeconds(step.say()) + pause <= 80) {
        String whole = Ssml.escape(step.say()) + new Ssml().pause(pause).document().replace("<speak>", "")
            .replace("</speak>", "");
        assertThat(answers).as("'%s' and its %d s in one answer", step.say(), pause)
            .anySatisfy(ssml -> assertThat(ssml).contains(whole));
      }
    }
  }

  @Test
  void completedIsRecordedWhenTheLastAnswerCanHaveBeenSpoken() throws Exception {
    List<String> answers = guide("box-breathing");
    Instant sent = clock.instant();
    String last = answers.get(answers.size() - 1);
    long playing = Math.round(playingSeconds(last) * 1000);
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(speech.nextDue()).as("the check-in waits for the answer's speech").isEqualTo(sent.plusMillis(playing));

    speech.advance(Duration.ofMillis(playing - 1));
    assertThat(feedback).as("not while the last answer is still being spoken").isEmpty();
    speech.advance(Duration.ofMillis(1));
    Feedback completed = nextFeedback();
    assertThat(completed.kind()).isEqualTo(Feedback.Kind.COMPLETED);
    assertThat(completed.time()).isEqualTo(sent.plusMillis(playing));
  }

  @Test
  void sessionEndedAtTheCheckInEndsItWithoutARating() throws Exception {
    guide("box-breathing");
    post(fixture("session-ended-request.json"));

    Intent none = nextIntent(Intent.Kind.NO_ANSWER);
    assertThat(none.person()).isEqualTo("alex");
    assertThat(none.slots()).containsKey("prompt");
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.COMPLETED);
    JsonNode again = JSON.readTree(post(fixture("intent-request-start-box-breathing.json")).body());
    assertThat(ssmlOf(again)).as("the check-in is over: a new exercise starts at once")
        .contains(Ssml.escape(catalogueSteps("box-breathing").get(0).say()));
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(feedback).as("nothing rated, nothing abandoned").isEmpty();
  }

  @Test
  void sessionEndedRequestGetsAnEmptyAnswerAndTheWaitingExerciseIsLeft() throws Exception {
    JsonNode first = JSON.readTree(post(fixture("intent-request-start-box-breathing.json")).body());
    assertThat(ssmlOf(first)).endsWith(Ssml.escape(Conversations.CONTINUE) + "</speak>");

    HttpResponse<String> ended = post(fixture("session-ended-request.json"));
    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ended.body())).isEqualTo(JSON.readTree("{\"version\":\"1.0\",\"response\":{}}"));
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.STARTED);
    assertThat(nextFeedback().kind()).isEqualTo(Feedback.Kind.ABANDONED);
  }

  @Test
  void badSignatureIsRefusedAndNotActedOn() throws Exception {
    byte[] body = fixture("intent-request-start-box-breathing.json");
    byte[] other = fixture("launch-request.json");
    assertRefused(post(body, CERT_URL, certificates.sign(other)), "signature");
  }

  @Test
  void staleTimestampIsRefused() throws Exception {
    clock.set(FIXTURE_TIME.plusSeconds(151));
    assertRefused(post(fixture("intent-request-start-box-breathing.json")), "timestamp");
  }

  @Test
  void wrongApplicationIdIsRefused() throws Exception {
    byte[] body = new String(fixture("intent-request-start-box-breathing.json"), StandardCharsets.UTF_8)
        .replace(APP_ID, "amzn1.ask.skill.someone-else").getBytes(StandardCharsets.UTF_8);
    assertRefused(post(body, CERT_URL, certificates.sign(body)), "application_id");
  }

  @Test
  void certificateUrlOffAmazonsBucketIsRefused() throws Exception {
    byte[] body = fixture("intent-request-start-box-breathing.json");
    assertRefused(post(body, "https://s3.amazonaws.com/invalid.path/echo-api-cert-12.pem", certificates.sign(body)),
        "certificate_url");
  }

  @Test
  void chainFromAnUntrustedCaIsRefused() throws Exception {
    TestCertificates stranger = new TestCertificates(FIXTURE_TIME, RequestVerifier.SAN);
    RequestVerifier verifier = new RequestVerifier(APP_ID, clock, Set.of(new TrustAnchor(certificates.ca, null)),
        url -> Future.succeededFuture(pemOf(stranger)));
    byte[] body = fixture("launch-request.json");
    assertThat(failureOf(verifier.verify(CERT_URL, stranger.sign(body), body))).isEqualTo("certificate");
  }

  @Test
  void signingCertificateWithoutEchoApiNameIsRefused() throws Exception {
    TestCertificates other = new TestCertificates(FIXTURE_TIME, "example.com");
    RequestVerifier verifier = new RequestVerifier(APP_ID, clock, Set.of(new TrustAnchor(other.ca, null)),
        url -> Future.succeededFuture(pemOf(other)));
    byte[] body = fixture("launch-request.json");
    assertThat(failureOf(verifier.verify(CERT_URL, other.sign(body), body))).isEqualTo("certificate");
  }

  @Test
  void expiredSigningCertificateIsRefused() throws Exception {
    TestCertificates expired = new TestCertificates(FIXTURE_TIME, RequestVerifier.SAN,
        FIXTURE_TIME.minus(Duration.ofDays(60)), FIXTURE_TIME.minus(Duration.ofDays(1)));
    RequestVerifier verifier = new RequestVerifier(APP_ID, clock, Set.of(new TrustAnchor(expired.ca, null)),
        url -> Future.succeededFuture(pemOf(expired)));
    byte[] body = fixture("launch-request.json");
    assertThat(failureOf(verifier.verify(CERT_URL, expired.sign(body), body))).isEqualTo("certificate");
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Starts the exercise by voice and says "continue" until the check-in, checking every answer against Alexa's
   * limits and turnSeconds (90 s), and that the steps are said in order; returns the answers' SSML.
   */
  private List<String> guide(String exercise) throws Exception {
    List<String> answers = new ArrayList<>();
    JsonNode answer = JSON.readTree(post(fixture("intent-request-start-" + exercise + ".json")).body());
    Intent intent = nextIntent(Intent.Kind.START_EXERCISE);
    assertThat(intent.slots()).containsEntry("exercise", exercise);
    answers.add(ssmlOf(answer));
    while (!ssmlOf(answer).contains("How do you feel")) {
      assertThat(answer.path("response").path("shouldEndSession").asBoolean(true)).isFalse();
      assertThat(ssmlOf(answer)).endsWith(Ssml.escape(Conversations.CONTINUE) + "</speak>");
      assertThat(answers).as("turns").hasSizeLessThan(30);
      answer = JSON.readTree(post(fixture("intent-request-continue.json")).body());
      answers.add(ssmlOf(answer));
    }
    assertThat(answer.path("response").path("shouldEndSession").asBoolean(true)).isFalse();
    StringBuilder all = new StringBuilder();
    for (String ssml : answers) {
      assertWellFormed(ssml);
      assertThat(breaks(ssml)).allSatisfy(seconds -> assertThat(seconds).isBetween(1, 10));
      assertThat(playingSeconds(ssml)).as("one answer's speech and pauses: %s", ssml).isLessThanOrEqualTo(90);
      assertThat(ssml.length()).isLessThan(8000);
      all.append(ssml);
    }
    int from = 0;
    for (var step : catalogueSteps(exercise)) {
      int at = all.indexOf(Ssml.escape(step.say()), from);
      assertThat(at).as("step '%s' said in order", step.say()).isGreaterThanOrEqualTo(from);
      from = at + 1;
    }
    return answers;
  }

  /** How long Alexa takes to play an answer: its breaks and its words at the plugin's rate. */
  private static double playingSeconds(String ssml) {
    return breaks(ssml).stream().mapToInt(Integer::intValue).sum()
        + Ssml.speakingSeconds(ssml.replaceAll("<[^>]+>", " "));
  }

  private static int breakSeconds(List<String> answers) {
    return answers.stream().flatMap(ssml -> breaks(ssml).stream()).mapToInt(Integer::intValue).sum();
  }

  private static int pausesOf(String exercise) {
    return catalogueSteps(exercise).stream().mapToInt(step -> Conversations.pauseSeconds(stepPrompt(step))).sum();
  }

  private static List<app.tend.api.exercise.Step> catalogueSteps(String exercise) {
    return ExerciseCatalogue.load("").find(exercise).orElseThrow().steps();
  }

  private static Prompt stepPrompt(app.tend.api.exercise.Step step) {
    return new Prompt("p", "alex", "alexa", Prompt.Kind.STEP, "", "", "", step.say(), 1, 1, step.seconds());
  }

  private Intent nextIntent(Intent.Kind kind) throws InterruptedException {
    Intent next = intents.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("an intent").isNotNull();
    assertThat(next.kind()).isEqualTo(kind);
    return next;
  }

  private void assertRefused(HttpResponse<String> response, String reason) throws Exception {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
    assertThat(context.registry().get(Meters.VOICE_REFUSED).tag(Meters.TAG_REASON, reason).counter().count()).isEqualTo(1);
    assertThat(intents.poll(500, TimeUnit.MILLISECONDS)).as("nothing acted on").isNull();
    assertThat(feedback).isEmpty();
  }

  private static String failureOf(Future<?> verified) throws Exception {
    try {
      done(verified);
      throw new AssertionError("the request was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      return ((RequestRefusedException) e.getCause()).reason();
    }
  }

  private static byte[] pemOf(TestCertificates chain) {
    try {
      return chain.pem();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return post(body, CERT_URL, certificates.sign(body));
  }

  private HttpResponse<String> post(byte[] body, String certUrl, String signature) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plugins/voice-alexa/skill"))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("SignatureCertChainUrl", certUrl)
        .header("Signature-256", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private Feedback nextFeedback() throws InterruptedException {
    Feedback next = feedback.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("feedback").isNotNull();
    return next;
  }

  private static String ssmlOf(JsonNode answer) {
    JsonNode speech = answer.path("response").path("outputSpeech");
    assertThat(speech.path("type").asText()).isEqualTo("SSML");
    return speech.path("ssml").asText();
  }

  private static List<Integer> breaks(String ssml) {
    List<Integer> found = new ArrayList<>();
    Matcher m = BREAK.matcher(ssml);
    while (m.find()) {
      found.add(Integer.parseInt(m.group(1)));
    }
    assertThat(ssml.split("<break", -1).length - 1).as("every break in whole seconds").isEqualTo(found.size());
    return found;
  }

  private static void assertWellFormed(String ssml) throws Exception {
    try (InputStream in = new ByteArrayInputStream(ssml.getBytes(StandardCharsets.UTF_8))) {
      var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      assertThat(document.getDocumentElement().getTagName()).isEqualTo("speak");
    }
  }

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = AlexaSkillTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static ChannelLookup lookup(PromptChannel channel) {
    return new ChannelLookup() {
      @Override
      public Optional<PromptChannel> find(String name) {
        return name.equals(channel.channel()) ? Optional.of(channel) : Optional.empty();
      }

      @Override
      public Optional<String> channelOf(String pluginId) {
        return pluginId.equals("voice-alexa") ? Optional.of(channel.channel()) : Optional.empty();
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
