package app.tend.plugins.voice.hermes;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import app.tend.api.message.Intent;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of the {@code voice-hermes} plugin (section {@code plugins.voice-hermes} of tend.yaml).
 *
 * @param channel the channel name it serves (what the coach's and persons' {@code channels} lists name)
 * @param sites Hermes site id to the person who lives there; intents from other sites are ignored
 * @param intents the Hermes intent names that mean each of Tend's intents
 * @param sayTimeoutSeconds how long to wait for {@code hermes/tts/sayFinished} before a prompt counts as not said
 * @param lang the language passed to the TTS, or empty for the speaker's own
 * @param qos the QoS of subscriptions and publications, 0 to 2
 */
public record VoiceHermesConfig(
    String channel,
    Map<String, String> sites,
    IntentNames intents,
    Integer sayTimeoutSeconds,
    String lang,
    Integer qos) {

  static final Pattern PERSON_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Fills in defaults and checks every key. */
  public VoiceHermesConfig {
    channel = ConfigChecks.matches("channel", ConfigChecks.orDefault(channel, "voice"), NAME,
        "a channel name of letters, digits, _, ., : or -");
    Map<String, String> checked = new LinkedHashMap<>();
    if (sites != null) {
      sites.forEach((site, person) -> {
        if (site == null || site.isBlank() || site.contains("/") || site.contains("+") || site.contains("#")) {
          throw new InvalidConfigException("sites", site, "a Hermes site id (no /, + or #) as each key");
        }
        checked.put(site, ConfigChecks.matches("sites." + site, person, PERSON_ID,
            "a person id of 1 to 64 characters a-z, 0-9, _ or -"));
      });
    }
    sites = java.util.Collections.unmodifiableMap(checked);
    intents = intents == null ? IntentNames.defaults() : intents;
    sayTimeoutSeconds = ConfigChecks.intIn("sayTimeoutSeconds", sayTimeoutSeconds, 30, 1, 600);
    lang = lang == null ? "" : lang.trim();
    qos = ConfigChecks.intIn("qos", qos, 1, 0, 2);
  }

  /** Every default (no sites: nothing is heard until some are mapped). */
  public static VoiceHermesConfig defaults() {
    return new VoiceHermesConfig(null, null, null, null, null, null);
  }

  /**
   * Hermes intent names (as in Rhasspy's sentences.ini) for each of Tend's intents.
   *
   * @param startExercise start an exercise, optionally naming one in slot {@code exercise}
   * @param feelingStressed "I feel anxious", "I'm stressed"
   * @param yes accept the offer on the table
   * @param no dismiss it
   * @param snooze "not now", optionally for slot {@code minutes}
   * @param stop stop the exercise
   * @param pause pause it
   * @param resume resume it
   * @param sessionStarted "my therapy session is starting"
   * @param sessionOver "I'm back from therapy"
   * @param rateDistress a distress rating 0-10 in slot {@code rating}
   */
  public record IntentNames(String startExercise, String feelingStressed, String yes, String no, String snooze,
      String stop, String pause, String resume, String sessionStarted, String sessionOver, String rateDistress) {

    /** Applies the defaults ({@code TendStartExercise}, ...) and checks the names. */
    public IntentNames {
      startExercise = name("startExercise", startExercise, "TendStartExercise");
      feelingStressed = name("feelingStressed", feelingStressed, "TendFeelingStressed");
      yes = name("yes", yes, "TendYes");
      no = name("no", no, "TendNo");
      snooze = name("snooze", snooze, "TendSnooze");
      stop = name("stop", stop, "TendStop");
      pause = name("pause", pause, "TendPause");
      resume = name("resume", resume, "TendResume");
      sessionStarted = name("sessionStarted", sessionStarted, "TendSessionStarted");
      sessionOver = name("sessionOver", sessionOver, "TendSessionOver");
      rateDistress = name("rateDistress", rateDistress, "TendRateDistress");
      index(startExercise, feelingStressed, yes, no, snooze, stop, pause, resume, sessionStarted, sessionOver, rateDistress);
    }

    /** Every default. */
    public static IntentNames defaults() {
      return new IntentNames(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Tend's intent for each Hermes name. */
    Map<String, Intent.Kind> byName() {
      return index(startExercise, feelingStressed, yes, no, snooze, stop, pause, resume, sessionStarted, sessionOver,
          rateDistress);
    }

    private static Map<String, Intent.Kind> index(String startExercise, String feelingStressed, String yes, String no,
        String snooze, String stop, String pause, String resume, String sessionStarted, String sessionOver,
        String rateDistress) {
      Map<Intent.Kind, String> names = new EnumMap<>(Intent.Kind.class);
      names.put(Intent.Kind.START_EXERCISE, startExercise);
      names.put(Intent.Kind.FEELING_STRESSED, feelingStressed);
      names.put(Intent.Kind.ACCEPT, yes);
      names.put(Intent.Kind.DECLINE, no);
      names.put(Intent.Kind.SNOOZE, snooze);
      names.put(Intent.Kind.STOP, stop);
      names.put(Intent.Kind.PAUSE, pause);
      names.put(Intent.Kind.RESUME, resume);
      names.put(Intent.Kind.SESSION_STARTED, sessionStarted);
      names.put(Intent.Kind.SESSION_OVER, sessionOver);
      names.put(Intent.Kind.RATE_DISTRESS, rateDistress);
      Map<String, Intent.Kind> kinds = new LinkedHashMap<>();
      names.forEach((kind, name) -> {
        if (kinds.putIfAbsent(name, kind) != null) {
          throw new InvalidConfigException("intents", name, "a different Hermes intent name for each of Tend's intents");
        }
      });
      return kinds;
    }

    private static String name(String key, String value, String fallback) {
      return ConfigChecks.matches(key, ConfigChecks.orDefault(value, fallback), NAME,
          "a Hermes intent name of letters, digits, _, ., : or -");
    }
  }
}
