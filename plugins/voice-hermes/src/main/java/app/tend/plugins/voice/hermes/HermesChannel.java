package app.tend.plugins.voice.hermes;

import app.tend.api.Addresses;
import app.tend.api.ChannelCapability;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.PromptChannel;
import app.tend.api.Subscription;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hermes speaker (Rhasspy 2.5) as a prompt channel, and its intents as Tend's.
 *
 * <p>Steps and notices are spoken with {@code hermes/tts/say}; the delivery completes on the matching
 * {@code hermes/tts/sayFinished}, so the hub paces the next step by the end of the speech. Offers and the
 * check-in open a dialogue session ({@code startSession}, never queued behind another) that listens for
 * the answer without a wake word; it is continued once when the answer was not understood, and ended
 * when the answer came. A check-in whose session ends without a usable rating (not understood twice, no
 * number twice, or ended by the dialogue manager: timeout, aborted) is reported as a {@code NO_ANSWER}
 * intent, so the hub does not wait for a rating that cannot come. Intents on {@code hermes/intent/#} whose
 * names are configured become
 * {@link Intent}s of the person living at the site; others are left to other skills, and malformed ones
 * are counted. An offer answered elsewhere (the dashboard, Home Assistant's button) ends its session at once,
 * so the site stops listening for an answer nobody will give. State lives on the plugin's event loop.
 */
@Extension
public final class HermesChannel implements PromptChannel {

  static final String SAY = "hermes/tts/say";
  static final String SAY_FINISHED = "hermes/tts/sayFinished";
  static final String START_SESSION = "hermes/dialogueManager/startSession";
  static final String CONTINUE_SESSION = "hermes/dialogueManager/continueSession";
  static final String END_SESSION = "hermes/dialogueManager/endSession";
  static final String SESSION_STARTED = "hermes/dialogueManager/sessionStarted";
  static final String SESSION_ENDED = "hermes/dialogueManager/sessionEnded";
  static final String NOT_RECOGNIZED = "hermes/dialogueManager/intentNotRecognized";
  static final String INTENT_PREFIX = "hermes/intent/";

  private static final Logger log = LoggerFactory.getLogger(HermesChannel.class);
  private static final String SORRY = "Sorry, I didn't catch that. ";
  private static final Set<Feedback.Kind> ANSWERS = EnumSet.of(Feedback.Kind.ACCEPTED, Feedback.Kind.SNOOZED,
      Feedback.Kind.DISMISSED, Feedback.Kind.STARTED);

  /** A delivery waiting for its speech to finish. */
  private record Pending(Promise<Void> done, long timer) {}

  /** A dialogue session this plugin opened for the prompt, waiting for an answer. */
  private record Asking(Prompt prompt, List<String> filter, int retries) {

    Asking retried() {
      return new Asking(prompt, filter, retries + 1);
    }
  }

  private final PluginContext context;
  private final ObjectMapper json = new ObjectMapper();
  private VoiceHermesConfig config;
  private Map<String, Intent.Kind> kinds;
  private Sites sites;
  private Context loop;
  private HermesMqtt mqtt;
  private final Map<String, Pending> says = new HashMap<>();
  private final Map<String, Pending> sessionStarts = new HashMap<>();
  private final Map<String, Pending> sessionSays = new HashMap<>();
  private final Map<String, Asking> asking = new HashMap<>();
  /** Offers answered elsewhere before the dialogue manager said their session started, by prompt id. */
  private final Set<String> overtaken = new HashSet<>();
  private Subscription answers;

  public HermesChannel(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    config = context.config(VoiceHermesConfig.class);
    kinds = config.intents().byName();
    sites = new Sites(config.sites());
    loop = Vertx.currentContext() != null ? Vertx.currentContext() : context.vertx().getOrCreateContext();
    if (config.sites().isEmpty()) {
      log.warn("voice-hermes: no sites are mapped to persons (plugins.voice-hermes.sites): every intent is ignored");
    }
    String clientId = "tend-voice-hermes-" + UUID.randomUUID().toString().substring(0, 8);
    mqtt = new HermesMqtt(loop, context.broker(), clientId,
        List.of(INTENT_PREFIX + "#", SAY_FINISHED, SESSION_STARTED, SESSION_ENDED, NOT_RECOGNIZED), config.qos(),
        this::onMessage);
    log.info("voice-hermes: channel '{}' on {}, sites {}", config.channel(), context.broker().clientUrl(), config.sites());
    answers = context.subscribe(Addresses.FEEDBACK, this::onFeedback);
    return mqtt.start();
  }

  /** Completes when the broker first granted the subscriptions; for tests and diagnostics. */
  Future<Void> subscribed() {
    return mqtt == null ? Future.failedFuture("not started") : mqtt.subscribed();
  }

  @Override
  public Future<Void> stop() {
    // Deliveries waiting for the speaker end now, with their timers, rather than at a timeout of a stopped plugin.
    IllegalStateException stopped = new IllegalStateException("voice-hermes stopped");
    for (Map<String, Pending> waiting : List.of(says, sessionStarts, sessionSays)) {
      waiting.values().forEach(pending -> fail(pending, stopped));
      waiting.clear();
    }
    asking.clear();
    overtaken.clear();
    if (answers != null) {
      answers.cancel();
    }
    return mqtt == null ? Future.succeededFuture() : mqtt.stop();
  }

  @Override
  public String channel() {
    return context.config(VoiceHermesConfig.class).channel();
  }

  @Override
  public Set<ChannelCapability> capabilities() {
    return Set.of(ChannelCapability.VOICE, ChannelCapability.ANSWER);
  }

  @Override
  public Future<Void> deliver(Prompt prompt) {
    Promise<Void> done = Promise.promise();
    loop.runOnContext(ignored -> {
      Optional<String> site = sites.siteOf(prompt.person());
      if (site.isEmpty()) {
        done.fail(new IllegalStateException("no Hermes site is mapped to " + prompt.person()));
        return;
      }
      switch (prompt.kind()) {
        case STEP, NOTICE -> say(prompt.id(), prompt.text(), site.get(), done);
        case OFFER -> ask(prompt, site.get(), List.of(config.intents().yes(), config.intents().no(),
            config.intents().snooze(), config.intents().startExercise()), done);
        case CHECK_IN -> ask(prompt, site.get(), List.of(config.intents().rateDistress(), config.intents().stop()), done);
      }
    });
    return done.future();
  }

  // ---- speaking ---------------------------------------------------------------------------------

  private void say(String id, String text, String site, Promise<Void> done) {
    ObjectNode say = json.createObjectNode()
        .put("text", text)
        .put("siteId", site)
        .put("id", id)
        .put("sessionId", "");
    if (!config.lang().isEmpty()) {
      say.put("lang", config.lang());
    }
    says.put(id, pending(done, () -> says.remove(id), "hermes/tts/sayFinished for '" + text + "'"));
    publish(SAY, say).onFailure(e -> fail(says.remove(id), e));
  }

  private void ask(Prompt prompt, String site, List<String> filter, Promise<Void> done) {
    ObjectNode init = json.createObjectNode()
        .put("type", "action")
        .put("text", prompt.text())
        .put("canBeEnqueued", false)
        .put("sendIntentNotRecognized", true);
    filter.forEach(init.putArray("intentFilter")::add);
    ObjectNode start = json.createObjectNode().put("siteId", site).put("customData", prompt.id());
    start.set("init", init);
    String key = prompt.id();
    sessionStarts.put(key, pending(done, () -> {
      sessionStarts.remove(key);
      asking.remove("custom:" + key);
    },
        "a dialogue session at site " + site + " (is another one open there?)"));
    asking.put("custom:" + key, new Asking(prompt, filter, 0));
    publish(START_SESSION, start).onFailure(e -> fail(sessionStarts.remove(key), e));
  }

  private Pending pending(Promise<Void> done, Runnable forget, String waitingFor) {
    long timer = context.vertx().setTimer(config.sayTimeoutSeconds() * 1000L, id -> {
      forget.run();
      done.tryFail(new IllegalStateException("no answer from the speaker within " + config.sayTimeoutSeconds()
          + " s: waited for " + waitingFor));
    });
    return new Pending(done, timer);
  }

  private void fail(Pending pending, Throwable cause) {
    if (pending != null) {
      context.vertx().cancelTimer(pending.timer());
      pending.done().tryFail(cause);
    }
  }

  private void finish(Pending pending) {
    if (pending != null) {
      context.vertx().cancelTimer(pending.timer());
      pending.done().tryComplete();
    }
  }

  // ---- what the speaker says --------------------------------------------------------------------

  private void onMessage(String topic, byte[] payload) {
    if (topic.startsWith(INTENT_PREFIX)) {
      onIntent(topic.substring(INTENT_PREFIX.length()), payload);
      return;
    }
    JsonNode message;
    try {
      message = json.readTree(payload);
    } catch (IOException e) {
      ignored("malformed", topic + " is not JSON: " + e.getMessage());
      return;
    }
    if (message == null || !message.isObject()) {
      ignored("malformed", topic + " is not a JSON object");
      return;
    }
    String sessionId = message.path("sessionId").asText("");
    switch (topic) {
      case SAY_FINISHED -> {
        Pending said = says.remove(message.path("id").asText(""));
        finish(said != null ? said : sessionSays.remove(sessionId));
      }
      case SESSION_STARTED -> {
        String key = message.path("customData").asText("");
        Pending started = sessionStarts.remove(key);
        Asking question = asking.remove("custom:" + key);
        if (started != null && !sessionId.isEmpty()) {
          sessionSays.put(sessionId, started);
        }
        if (question != null && !sessionId.isEmpty()) {
          asking.put(sessionId, question);
        }
        if (overtaken.remove(key)) {
          endSession(sessionId, null);
        }
      }
      case SESSION_ENDED -> {
        Asking question = asking.remove(sessionId);
        Pending unsaid = sessionSays.remove(sessionId);
        String reason = message.path("termination").path("reason").asText("unknown reason");
        if (unsaid != null) {
          fail(unsaid, new IllegalStateException("the dialogue session ended (" + reason
              + ") before its question was said"));
        } else if (question != null) {
          noAnswer(question, message.path("siteId").asText(""), "the dialogue session ended (" + reason + ")");
        }
      }
      case NOT_RECOGNIZED -> notRecognized(sessionId);
      default -> ignored("unknown_topic", topic);
    }
  }

  /** Ends the open offer that an answer given elsewhere has overtaken; its delivery counts as done. */
  private void onFeedback(Feedback answer) {
    if (!ANSWERS.contains(answer.kind())) {
      return;
    }
    for (Map.Entry<String, Asking> open : List.copyOf(asking.entrySet())) {
      Prompt offer = open.getValue().prompt();
      boolean answered = offer.kind() == Prompt.Kind.OFFER && offer.person().equals(answer.person())
          && (answer.suggestionId().isEmpty() || answer.suggestionId().equals(offer.suggestionId()));
      if (!answered) {
        continue;
      }
      asking.remove(open.getKey());
      log.info("voice-hermes: the offer to {} was answered on {}; ending its dialogue session", offer.person(),
          answer.channel());
      if (open.getKey().startsWith("custom:")) {
        finish(sessionStarts.remove(offer.id()));
        overtaken.add(offer.id());
        context.vertx().setTimer(config.sayTimeoutSeconds() * 1000L, id -> overtaken.remove(offer.id()));
      } else {
        finish(sessionSays.remove(open.getKey()));
        endSession(open.getKey(), null);
      }
    }
  }

  private void notRecognized(String sessionId) {
    Asking question = asking.remove(sessionId);
    if (question == null) {
      return;
    }
    ignored("not_recognized", "an answer in session " + sessionId);
    if (question.retries() < 1) {
      asking.put(sessionId, question.retried());
      continueSession(sessionId, SORRY + question.prompt().text(), question.filter());
    } else {
      endSession(sessionId, null);
      noAnswer(question, sites.siteOf(question.prompt().person()).orElse(""), "not understood twice");
    }
  }

  /** A check-in's session is over without a usable rating: the hub should not wait for one. */
  private void noAnswer(Asking question, String siteId, String why) {
    Prompt prompt = question.prompt();
    if (prompt.kind() != Prompt.Kind.CHECK_IN) {
      return;
    }
    log.info("voice-hermes: the check-in of {} at {} got no rating: {}", prompt.person(), siteId, why);
    context.publish(Addresses.INTENTS, new Intent(prompt.person(), Intent.Kind.NO_ANSWER, Map.of("prompt", prompt.id()),
        context.pluginId(), siteId, context.clock().instant()));
  }

  private void onIntent(String topicName, byte[] payload) {
    HermesIntent heard;
    try {
      heard = HermesIntent.read(json, topicName, payload);
    } catch (HermesIntent.Malformed e) {
      ignored("malformed", INTENT_PREFIX + topicName + ": " + e.getMessage());
      return;
    }
    Intent.Kind kind = kinds.get(heard.name());
    if (kind == null) {
      ignored("unknown_intent", heard.name() + " is not one of Tend's intents (another skill's?)");
      return;
    }
    String sessionId = heard.sessionId();
    Optional<String> person = sites.personAt(heard.siteId());
    if (person.isEmpty()) {
      ignored("unknown_site", "site " + heard.siteId() + " is not in plugins.voice-hermes.sites");
      endSession(sessionId, null);
      return;
    }
    sites.heard(person.get(), heard.siteId());
    if (kind == Intent.Kind.RATE_DISTRESS && rating(heard.slots().get("rating")) == null) {
      ignored("bad_rating", "rating " + heard.slots().get("rating") + " is not a number from 0 to 10");
      Asking question = asking.get(sessionId);
      if (question != null && question.retries() < 1) {
        asking.put(sessionId, question.retried());
        continueSession(sessionId, "Please say a number from 0 to 10.", question.filter());
      } else {
        asking.remove(sessionId);
        endSession(sessionId, null);
        if (question != null) {
          noAnswer(question, heard.siteId(), "no number from 0 to 10, twice");
        }
      }
      return;
    }
    asking.remove(sessionId);
    context.publish(Addresses.INTENTS, new Intent(person.get(), kind, heard.slots(), context.pluginId(), heard.siteId(),
        context.clock().instant()));
    endSession(sessionId, reply(kind));
  }

  private static String reply(Intent.Kind kind) {
    return switch (kind) {
      case RATE_DISTRESS -> "Thank you.";
      case SNOOZE -> "Okay, I'll leave you be for now.";
      case DECLINE -> "Okay, maybe later.";
      case SESSION_STARTED -> "I hope your session goes well.";
      case SESSION_OVER -> "Welcome back. Take it easy for a while.";
      default -> null;
    };
  }

  private static Integer rating(String text) {
    if (text == null) {
      return null;
    }
    try {
      long value = Math.round(Double.parseDouble(text.trim()));
      return value < 0 || value > 10 ? null : (int) value;
    } catch (NumberFormatException e) {
      // "very bad": no number; the caller asks again.
      return null;
    }
  }

  private void continueSession(String sessionId, String text, List<String> filter) {
    ObjectNode message = json.createObjectNode().put("sessionId", sessionId).put("text", text)
        .put("sendIntentNotRecognized", true);
    filter.forEach(message.putArray("intentFilter")::add);
    publish(CONTINUE_SESSION, message);
  }

  private void endSession(String sessionId, String text) {
    if (sessionId == null || sessionId.isEmpty()) {
      return;
    }
    ObjectNode message = json.createObjectNode().put("sessionId", sessionId);
    if (text != null) {
      message.put("text", text);
    }
    publish(END_SESSION, message);
  }

  private Future<Void> publish(String topic, ObjectNode message) {
    String text;
    try {
      text = json.writeValueAsString(message);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return mqtt.publish(topic, text)
        .onFailure(e -> log.warn("voice-hermes: cannot publish to {}: {}", topic, e.getMessage()));
  }

  private void ignored(String reason, String what) {
    context.meters().counter(Meters.VOICE_IGNORED, Meters.TAG_REASON, reason).increment();
    log.debug("voice-hermes: ignored ({}): {}", reason, what);
  }
}
