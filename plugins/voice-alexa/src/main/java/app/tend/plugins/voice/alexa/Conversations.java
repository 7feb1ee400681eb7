package app.tend.plugins.voice.alexa;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
import app.tend.api.message.Suggestion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alexa's side of guiding an exercise: Alexa speaks only in answer to a request, so each request opens a
 * turn that collects the prompts the hub delivers for that person, and its answer is sent when the turn
 * is full (then the rest waits for "continue"), when a prompt needs an answer (an offer, the check-in),
 * after a notice, or when the hub has nothing more to say. Steps carry their pauses as SSML breaks of at
 * most 10 seconds, so the channel paces itself.
 *
 * <p>No answer holds more than {@code turnSeconds} of speech and pauses, "say continue" included, by the
 * estimate of {@link Ssml#speakingSeconds}. A step that fits one answer is never split (a breath keeps its
 * rhythm); a longer one is split between two breaks, its pause going on in the next answers. The check-in's
 * delivery completes when the answer asking it can have been spoken to its end (sent time plus its
 * playing time), or sooner if the person speaks first. Not thread-safe: the plugin's event loop owns it.
 */
final class Conversations {

  private static final Logger log = LoggerFactory.getLogger(Conversations.class);
  /** After a step, how long to wait for the next before answering with what there is. */
  private static final long QUIET_MILLIS = 400;
  /** Alexa takes at most 8000 characters of SSML; keep well clear. */
  private static final int MAX_SSML = 7000;

  static final String WELCOME = "Welcome to Tend. You can say: start box breathing, I feel anxious, or I'm back from therapy.";
  static final String HELP = "You can say: start an exercise, I feel stressed, pause, resume, stop, or rate my distress as a number from 0 to 10.";
  static final String CONTINUE = "Say continue when you're ready.";
  /** Room kept in every answer with a step for asking to continue. */
  private static final double CONTINUE_SECONDS = Ssml.speakingSeconds(CONTINUE);
  /** SSML characters kept free for the endings and the document's tags. */
  private static final int SSML_MARGIN = 200;

  /** Alexa's intent names (see interaction-model.json) and what they mean to Tend. */
  static final Map<String, Intent.Kind> INTENTS = Map.ofEntries(
      Map.entry("StartExerciseIntent", Intent.Kind.START_EXERCISE),
      Map.entry("FeelingStressedIntent", Intent.Kind.FEELING_STRESSED),
      Map.entry("AMAZON.YesIntent", Intent.Kind.ACCEPT),
      Map.entry("AMAZON.NoIntent", Intent.Kind.DECLINE),
      Map.entry("SnoozeIntent", Intent.Kind.SNOOZE),
      Map.entry("AMAZON.StopIntent", Intent.Kind.STOP),
      Map.entry("AMAZON.CancelIntent", Intent.Kind.STOP),
      Map.entry("AMAZON.PauseIntent", Intent.Kind.PAUSE),
      Map.entry("AMAZON.ResumeIntent", Intent.Kind.RESUME),
      Map.entry("SessionStartedIntent", Intent.Kind.SESSION_STARTED),
      Map.entry("SessionOverIntent", Intent.Kind.SESSION_OVER),
      Map.entry("RateDistressIntent", Intent.Kind.RATE_DISTRESS));

  private enum Ending { CONTINUE, ASK_YES, ASK_RATING, END, QUIET }

  private final class Turn {
    final Ssml ssml = new Ssml();
    final Promise<String> answer = Promise.promise();
    final String fallback;
    final boolean fallbackEnds;
    long timer = -1;

    Turn(String fallback, boolean fallbackEnds) {
      this.fallback = fallback;
      this.fallbackEnds = fallbackEnds;
    }
  }

  /**
   * What waits for "continue": a step, or the rest of a long step's pause ({@code wordsSaid}), or the
   * check-in; {@code done} completes once all of it is in an answer.
   */
  private record Held(Prompt prompt, boolean wordsSaid, int pauseLeft, Promise<Void> done, long timer) {}

  /** An answer asking the check-in, being spoken. */
  private record Speaking(Promise<Void> done, long timer) {}

  private static final class Person {
    Turn turn;
    Held held;
    Speaking speaking;
    /** The id of the check-in asked and not answered yet, or null. */
    String checkIn;
    Suggestion offer;
  }

  private final VoiceAlexaConfig config;
  private final PluginContext context;
  private final SpeechTimers speechTimers;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Person> people = new HashMap<>();

  Conversations(VoiceAlexaConfig config, PluginContext context, SpeechTimers speechTimers) {
    this.config = config;
    this.context = context;
    this.speechTimers = speechTimers;
  }

  /** The latest suggestion for a person, offered when they open the skill. */
  void suggested(Suggestion suggestion) {
    person(suggestion.person()).offer = suggestion;
  }

  /** Answers a verified request; completes with the response JSON. */
  Future<String> handle(JsonNode request) {
    String type = request.path("request").path("type").asText("");
    String userId = request.path("context").path("System").path("user").path("userId")
        .asText(request.path("session").path("user").path("userId").asText(""));
    Optional<String> known = config.personOf(userId);
    // Alexa asks only once it has stopped speaking (or the person spoke over it).
    known.map(people::get).ifPresent(this::spoken);
    if (type.equals("SessionEndedRequest")) {
      String reason = request.path("request").path("reason").asText("no reason");
      known.ifPresent(person -> Optional.ofNullable(people.get(person)).ifPresent(p -> {
        release(p, "the Alexa session ended (" + reason + ")");
        if (p.checkIn != null) {
          context.publish(Addresses.INTENTS, new Intent(person, Intent.Kind.NO_ANSWER, Map.of("prompt", p.checkIn),
              context.pluginId(), deviceOf(request), context.clock().instant()));
          p.checkIn = null;
        }
      }));
      return Future.succeededFuture("{\"version\":\"1.0\",\"response\":{}}");
    }
    if (known.isEmpty()) {
      log.info("voice-alexa: Alexa user {} is not in plugins.voice-alexa.users and there is no defaultPerson", userId);
      return Future.succeededFuture(answer(new Ssml().say(
          "I don't know you yet. Ask whoever set up Tend to add your Alexa account."), Ending.END));
    }
    String person = known.get();
    Person p = person(person);
    return switch (type) {
      case "LaunchRequest" -> {
        Suggestion offer = p.offer;
        yield Future.succeededFuture(offer != null && context.clock().instant().isBefore(offer.expiresAt())
            ? answer(new Ssml().say(offer.words()), Ending.ASK_YES)
            : answer(new Ssml().say(WELCOME), Ending.ASK_YES));
      }
      case "IntentRequest" -> intent(person, p, request);
      default -> Future.succeededFuture(answer(new Ssml().say("Sorry, I can't help with that."), Ending.END));
    };
  }

  private Future<String> intent(String person, Person p, JsonNode request) {
    JsonNode intent = request.path("request").path("intent");
    String name = intent.path("name").asText("");
    switch (name) {
      case "ContinueIntent", "AMAZON.NextIntent" -> {
        if (p.held == null) {
          return Future.succeededFuture(answer(new Ssml().say("There is nothing to continue right now."), Ending.END));
        }
        Turn turn = open(p, "Okay.", true);
        Held held = p.held;
        p.held = null;
        context.vertx().cancelTimer(held.timer());
        place(p, turn, held.prompt(), held.wordsSaid(), held.pauseLeft(), held.done());
        return turn.answer.future();
      }
      case "AMAZON.HelpIntent" -> {
        return Future.succeededFuture(answer(new Ssml().say(HELP), Ending.ASK_YES));
      }
      case "AMAZON.FallbackIntent" -> {
        return Future.succeededFuture(answer(new Ssml().say("Sorry, I didn't get that. " + HELP), Ending.ASK_YES));
      }
      case "AMAZON.NavigateHomeIntent" -> {
        return Future.succeededFuture(answer(new Ssml().say("Okay."), Ending.END));
      }
      default -> {
        // Tend's own intents below.
      }
    }
    Intent.Kind kind = INTENTS.get(name);
    if (kind == null) {
      ignored("unknown_intent", name);
      return Future.succeededFuture(answer(new Ssml().say("Sorry, I can't help with that here."), Ending.END));
    }
    Map<String, String> slots = slots(intent.path("slots"));
    if (kind == Intent.Kind.RATE_DISTRESS && !rating(slots.get("rating"))) {
      ignored("bad_rating", String.valueOf(slots.get("rating")));
      return Future.succeededFuture(answer(new Ssml().say("Please say a number from 0 to 10."), Ending.ASK_RATING));
    }
    if (kind == Intent.Kind.STOP || kind == Intent.Kind.RESUME) {
      release(p, "superseded by " + name);
    }
    if (kind == Intent.Kind.STOP || kind == Intent.Kind.RATE_DISTRESS) {
      p.checkIn = null;
    }
    Turn turn = open(p, reply(kind), kind != Intent.Kind.START_EXERCISE && kind != Intent.Kind.FEELING_STRESSED
        && kind != Intent.Kind.ACCEPT);
    context.publish(Addresses.INTENTS, new Intent(person, kind, slots, context.pluginId(), deviceOf(request),
        context.clock().instant()));
    return turn.answer.future();
  }

  private static String deviceOf(JsonNode request) {
    return request.path("context").path("System").path("device").path("deviceId").asText("");
  }

  /** Takes a prompt for a person into their open turn. */
  Future<Void> deliver(Prompt prompt) {
    Person p = people.get(prompt.person());
    Turn turn = p == null ? null : p.turn;
    if (turn == null) {
      return Future.failedFuture(new IllegalStateException(
          "Alexa speaks only when spoken to, and " + prompt.person() + " has no Alexa request open"));
    }
    Promise<Void> done = Promise.promise();
    switch (prompt.kind()) {
      case STEP, CHECK_IN -> place(p, turn, prompt, false, pauseSeconds(prompt), done);
      case OFFER -> {
        turn.ssml.say(prompt.text());
        finish(p, turn, Ending.ASK_YES);
        done.complete();
      }
      case NOTICE -> {
        turn.ssml.say(prompt.text());
        finish(p, turn, Ending.END);
        done.complete();
      }
    }
    return done.future();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Puts a step (its words unless {@code wordsSaid}, then {@code pauseLeft} seconds of pause) or the check-in
   * into the turn as far as one answer holds it; the rest waits for "continue".
   */
  private void place(Person p, Turn turn, Prompt prompt, boolean wordsSaid, int pauseLeft, Promise<Void> done) {
    if (prompt.kind() == Prompt.Kind.CHECK_IN) {
      if (!turn.ssml.isEmpty() && !fits(turn, prompt.text(), 0, 0)) {
        hold(p, prompt, false, 0, done);
        finish(p, turn, Ending.CONTINUE);
        return;
      }
      turn.ssml.say(prompt.text());
      p.checkIn = prompt.id();
      finish(p, turn, Ending.ASK_RATING);
      speaking(p, turn.ssml.seconds(), done);
      return;
    }
    String words = wordsSaid ? "" : prompt.text();
    if (fits(turn, words, pauseLeft, CONTINUE_SECONDS)) {
      turn.ssml.say(words).pause(pauseLeft);
      done.complete();
      quiet(p, turn);
      return;
    }
    double wordSeconds = Ssml.speakingSeconds(words);
    boolean oneAnswer = wordSeconds + pauseLeft <= config.turnSeconds() - CONTINUE_SECONDS;
    if (!turn.ssml.isEmpty() && (oneAnswer || !fits(turn, words, 1, CONTINUE_SECONDS))) {
      hold(p, prompt, wordsSaid, pauseLeft, done);
      finish(p, turn, Ending.CONTINUE);
      return;
    }
    // Longer than one answer: as many whole seconds of its pause as fit, so the split falls between breaks.
    double room = config.turnSeconds() - CONTINUE_SECONDS - turn.ssml.seconds() - wordSeconds;
    int now = (int) Math.max(0, Math.min(pauseLeft, Math.floor(room)));
    turn.ssml.say(words).pause(now);
    if (now == pauseLeft) {
      // Only words too long for any answer get here; nothing of the step is left to wait.
      done.complete();
      quiet(p, turn);
      return;
    }
    hold(p, prompt, true, pauseLeft - now, done);
    finish(p, turn, Ending.CONTINUE);
  }

  /** Whether the words and pause fit in the turn with {@code reserve} seconds left for its ending. */
  private boolean fits(Turn turn, String words, int pause, double reserve) {
    return turn.ssml.seconds() + Ssml.speakingSeconds(words) + pause + reserve <= config.turnSeconds()
        && turn.ssml.length() + Ssml.escape(words).length() + Ssml.breakChars(pause) + SSML_MARGIN <= MAX_SSML;
  }

  /** The check-in's delivery completes when the answer asking it can have been spoken to its end. */
  private void speaking(Person p, double seconds, Promise<Void> done) {
    spoken(p);
    long timer = speechTimers.after(Math.round(seconds * 1000), () -> {
      if (p.speaking != null && p.speaking.done() == done) {
        p.speaking = null;
      }
      done.tryComplete();
    });
    p.speaking = new Speaking(done, timer);
  }

  /** Whatever was being spoken is over. */
  private void spoken(Person p) {
    Speaking was = p.speaking;
    if (was != null) {
      p.speaking = null;
      speechTimers.cancel(was.timer());
      was.done().tryComplete();
    }
  }

  private Turn open(Person p, String fallback, boolean fallbackEnds) {
    if (p.turn != null) {
      finish(p, p.turn, Ending.QUIET);
    }
    Turn turn = new Turn(fallback, fallbackEnds);
    p.turn = turn;
    turn.timer = context.vertx().setTimer(config.answerWaitMillis(), id -> {
      turn.timer = -1;
      finish(p, turn, Ending.QUIET);
    });
    return turn;
  }

  private void quiet(Person p, Turn turn) {
    if (turn.timer >= 0) {
      context.vertx().cancelTimer(turn.timer);
    }
    turn.timer = context.vertx().setTimer(QUIET_MILLIS, id -> {
      turn.timer = -1;
      finish(p, turn, Ending.QUIET);
    });
  }

  private void finish(Person p, Turn turn, Ending ending) {
    if (turn.answer.future().isComplete()) {
      return;
    }
    if (turn.timer >= 0) {
      context.vertx().cancelTimer(turn.timer);
      turn.timer = -1;
    }
    if (p.turn == turn) {
      p.turn = null;
    }
    Ending how = ending;
    if (ending == Ending.QUIET) {
      if (turn.ssml.isEmpty()) {
        turn.ssml.say(turn.fallback);
      }
      how = turn.fallbackEnds ? Ending.END : Ending.QUIET;
    }
    turn.answer.complete(answer(turn.ssml, how));
  }

  private void hold(Person p, Prompt prompt, boolean wordsSaid, int pauseLeft, Promise<Void> done) {
    release(p, "superseded by a newer prompt");
    long timer = context.vertx().setTimer(config.continueTimeoutSeconds() * 1000L, id -> {
      if (p.held != null && p.held.done() == done) {
        p.held = null;
        done.tryFail(new IllegalStateException("no 'continue' from " + prompt.person() + " within "
            + config.continueTimeoutSeconds() + " s"));
      }
    });
    p.held = new Held(prompt, wordsSaid, pauseLeft, done, timer);
  }

  private void release(Person p, String why) {
    Held held = p.held;
    if (held != null) {
      p.held = null;
      context.vertx().cancelTimer(held.timer());
      held.done().tryFail(new IllegalStateException(why));
    }
  }

  /** A step's seconds count from when its words begin, so a breath keeps its length; at least a second's rest. */
  static int pauseSeconds(Prompt step) {
    if (step.stepSeconds() == 0) {
      return 0;
    }
    return Math.max(1, (int) Math.round(step.stepSeconds() - Ssml.speakingSeconds(step.text())));
  }

  private String answer(Ssml speech, Ending ending) {
    ObjectNode root = json.createObjectNode().put("version", "1.0");
    ObjectNode response = root.putObject("response");
    Ssml said = speech;
    String reprompt = switch (ending) {
      case CONTINUE -> {
        said.say(CONTINUE);
        yield "Say continue to go on, or stop to end.";
      }
      case ASK_YES -> "Say yes to start, or no thanks.";
      case ASK_RATING -> "Say a number from 0, calm, to 10, the worst.";
      case END, QUIET -> null;
    };
    response.putObject("outputSpeech").put("type", "SSML").put("ssml", said.document());
    if (reprompt != null) {
      response.putObject("reprompt").putObject("outputSpeech").put("type", "SSML")
          .put("ssml", new Ssml().say(reprompt).document());
    }
    response.put("shouldEndSession", ending == Ending.END);
    try {
      return json.writeValueAsString(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String reply(Intent.Kind kind) {
    return switch (kind) {
      case RATE_DISTRESS -> "Thank you, I've noted that.";
      case SNOOZE -> "Okay, I'll leave you be for now.";
      case DECLINE -> "Okay, maybe later.";
      case SESSION_STARTED -> "I hope your session goes well.";
      case SESSION_OVER -> "Welcome back. Take it easy for a while.";
      case STOP, NO_ANSWER -> "Okay. Take care.";
      case DO_NOT_DISTURB_ON -> "Okay, I won't offer anything until you tell me.";
      case DO_NOT_DISTURB_OFF -> "Okay, I'm here again when it helps.";
      case PAUSE, RESUME -> "There's no exercise to pause or resume right now.";
      case START_EXERCISE, FEELING_STRESSED, ACCEPT -> "Sorry, I can't start an exercise right now.";
    };
  }

  private static Map<String, String> slots(JsonNode slots) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = slots.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> slot = it.next();
      JsonNode resolved = slot.getValue().path("resolutions").path("resolutionsPerAuthority").path(0);
      String id = resolved.path("status").path("code").asText("").equals("ER_SUCCESS_MATCH")
          ? resolved.path("values").path(0).path("value").path("id").asText("") : "";
      String value = !id.isEmpty() ? id : slot.getValue().path("value").asText("");
      if (!value.isEmpty() && !value.equals("?")) {
        values.put(slot.getKey(), value);
      }
    }
    return values;
  }

  private static boolean rating(String text) {
    if (text == null) {
      return false;
    }
    try {
      double value = Double.parseDouble(text.trim());
      return value >= 0 && value <= 10;
    } catch (NumberFormatException e) {
      // not a number: no rating
      return false;
    }
  }

  private void ignored(String reason, String what) {
    context.meters().counter(Meters.VOICE_IGNORED, Meters.TAG_REASON, reason).increment();
    log.debug("voice-alexa: ignored ({}): {}", reason, what);
  }

  private Person person(String id) {
    return people.computeIfAbsent(id, ignored -> new Person());
  }
}
