package app.tend.plugins.home.assistant.ws;

import app.tend.api.message.Prompt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Companion-app notifications ({@code notify.mobile_app_<device>}) for prompts, and what their buttons mean when
 * Home Assistant reports them as {@code mobile_app_notification_action} events.
 *
 * <p>Each button's action key is {@code TEND_<VERB>_<ref>}, where {@code ref} names the prompt it was sent with,
 * so a press is tied to one person and one suggestion without trusting anything else in the event. The check-in's
 * answer field is the companion app's {@code REPLY} action (Android), tied to the person by the notification's
 * {@code tag}, {@code tend-<person>}, which Android sends back with the event. Not thread-safe: the plugin's event
 * loop owns it.
 */
final class Notifications {

  /** What a button asks for. */
  enum Verb { START, NOTNOW, STOP, DONE, RATE }

  /** A prompt sent as a notification, remembered so its buttons can be answered. */
  record Sent(String person, Prompt.Kind kind, String suggestionId, String exerciseId) {}

  /** A button press Tend understood. */
  record Press(Verb verb, Sent sent, String replyText) {}

  static final String ACTION_PREFIX = "TEND_";
  static final String REPLY = "REPLY";
  private static final String TAG_PREFIX = "tend-";
  private static final int REMEMBERED = 256;

  private final ObjectMapper json;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Sent> sent = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final Map<String, Sent> checkIns = new HashMap<>();

  Notifications(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The {@code call_service} command that shows the prompt on the person's phone (and a watch paired with it).
   *
   * @param quiet true during the person's quiet hours: no sound and no buzz, where the phone can be told so
   */
  ObjectNode command(String service, Prompt prompt, boolean quiet) {
    ObjectNode data = json.createObjectNode();
    data.put("title", prompt.title().isEmpty() ? "Tend" : prompt.title());
    data.put("message", prompt.text());
    ObjectNode extra = data.putObject("data");
    // One notification per person, replaced by the next prompt rather than piling up.
    extra.put("tag", TAG_PREFIX + prompt.person());
    ArrayNode actions = extra.putArray("actions");
    Sent what = new Sent(prompt.person(), prompt.kind(), prompt.suggestionId(), prompt.exerciseId());
    switch (prompt.kind()) {
      case OFFER -> {
        String ref = remember(what);
        button(actions, Verb.START, ref, "Start");
        button(actions, Verb.NOTNOW, ref, "Not now");
      }
      case STEP -> button(actions, Verb.STOP, remember(what), "Stop");
      case CHECK_IN -> {
        String ref = remember(what);
        checkIns.put(prompt.person(), what);
        actions.addObject().put("action", REPLY).put("title", "Rate 0-10");
        button(actions, Verb.DONE, ref, "Done");
      }
      case NOTICE -> extra.remove("actions");
    }
    if (prompt.kind() == Prompt.Kind.STEP) {
      // A guided exercise replaces its notification every few seconds: alert only on the first.
      extra.put("alert_once", true);
    }
    if (quiet || prompt.kind() == Prompt.Kind.STEP) {
      extra.putObject("push").put("interruption-level", "passive");
    }
    if (quiet) {
      extra.put("channel", "Tend quiet");
      extra.put("importance", "low");
    }
    return call(service, data);
  }

  /** The command that takes the person's notification off the phone. */
  ObjectNode clear(String service, String person) {
    ObjectNode data = json.createObjectNode().put("message", "clear_notification");
    data.putObject("data").put("tag", TAG_PREFIX + person);
    return call(service, data);
  }

  /**
   * Reads a {@code mobile_app_notification_action} event's {@code data}.
   *
   * @return the press, or empty when the button is not Tend's (another automation's) or no longer known
   */
  Optional<Press> read(JsonNode data) {
    String action = data.path("action").asText("");
    if (action.equals(REPLY)) {
      String tag = data.path("tag").asText("");
      if (!tag.startsWith(TAG_PREFIX)) {
        return Optional.empty();
      }
      Sent checkIn = checkIns.remove(tag.substring(TAG_PREFIX.length()));
      return checkIn == null ? Optional.empty()
          : Optional.of(new Press(Verb.RATE, checkIn, data.path("reply_text").asText("")));
    }
    if (!action.startsWith(ACTION_PREFIX)) {
      return Optional.empty();
    }
    String rest = action.substring(ACTION_PREFIX.length());
    int cut = rest.indexOf('_');
    if (cut < 0) {
      return Optional.empty();
    }
    Verb verb;
    try {
      verb = Verb.valueOf(rest.substring(0, cut));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Sent what = sent.get(rest.substring(cut + 1));
    if (what == null) {
      return Optional.empty();
    }
    if (verb == Verb.DONE) {
      checkIns.remove(what.person(), what);
    }
    return Optional.of(new Press(verb, what, ""));
  }

  /** True when the action key looks like one of Tend's buttons, known or not. */
  static boolean isTends(JsonNode data) {
    String action = data.path("action").asText("");
    return action.startsWith(ACTION_PREFIX)
        || (action.equals(REPLY) && data.path("tag").asText("").startsWith(TAG_PREFIX));
  }

  private ObjectNode call(String service, ObjectNode data) {
    ObjectNode command = json.createObjectNode()
        .put("type", "call_service")
        .put("domain", "notify")
        .put("service", service);
    command.set("service_data", data);
    return command;
  }

  private String remember(Sent what) {
    byte[] bytes = new byte[5];
    random.nextBytes(bytes);
    String ref = HexFormat.of().formatHex(bytes);
    sent.put(ref, what);
    return ref;
  }

  private static void button(ArrayNode actions, Verb verb, String ref, String title) {
    actions.addObject().put("action", ACTION_PREFIX + verb + "_" + ref).put("title", title);
  }
}
