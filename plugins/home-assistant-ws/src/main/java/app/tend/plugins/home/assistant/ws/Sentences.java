package app.tend.plugins.home.assistant.ws;

import app.tend.api.InvalidConfigException;
import app.tend.api.message.Intent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tend's sentences for Assist, as the commands of {@code conversation} triggers: Home Assistant's sentence template
 * syntax ({@code [optional]}, {@code (this|that)}), wildcards {@code {exercise}} and {@code {rating}}, and no
 * punctuation (Home Assistant refuses {@code . , ? ! ; :} in a trigger's sentences).
 */
final class Sentences {

  /** The English sentences per intent, by the config name of the intent. */
  static final Map<String, List<String>> ENGLISH = english();

  /** Tend's intent for each config name. */
  static final Map<String, Intent.Kind> KINDS = Map.ofEntries(
      Map.entry("startExercise", Intent.Kind.START_EXERCISE),
      Map.entry("feelingStressed", Intent.Kind.FEELING_STRESSED),
      Map.entry("yes", Intent.Kind.ACCEPT),
      Map.entry("no", Intent.Kind.DECLINE),
      Map.entry("snooze", Intent.Kind.SNOOZE),
      Map.entry("stop", Intent.Kind.STOP),
      Map.entry("pause", Intent.Kind.PAUSE),
      Map.entry("resume", Intent.Kind.RESUME),
      Map.entry("sessionStarted", Intent.Kind.SESSION_STARTED),
      Map.entry("sessionOver", Intent.Kind.SESSION_OVER),
      Map.entry("rateDistress", Intent.Kind.RATE_DISTRESS));

  private static final Pattern PUNCTUATION = Pattern.compile("[.。,，?¿？؟!¡！;；:：’]");
  private static final List<String> NUMBERS =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

  private static Map<String, List<String>> english() {
    Map<String, List<String>> s = new LinkedHashMap<>();
    s.put("startExercise", List.of("start {exercise}", "[let's] do {exercise}", "guide me through {exercise}"));
    s.put("feelingStressed", List.of("I feel (stressed|anxious|overwhelmed)", "I'm (stressed [out]|anxious|panicking)",
        "help me calm down"));
    s.put("yes", List.of("yes [please]", "sure", "let's do it"));
    s.put("no", List.of("no thanks", "not that one"));
    s.put("snooze", List.of("not now", "ask me later"));
    s.put("stop", List.of("stop the exercise", "that's enough"));
    s.put("pause", List.of("pause the exercise"));
    s.put("resume", List.of("(resume|continue) the exercise"));
    s.put("sessionStarted", List.of("my [therapy] session is starting", "I'm going into therapy"));
    s.put("sessionOver", List.of("I'm back from therapy", "my [therapy] session is over", "I just finished my session"));
    s.put("rateDistress", List.of("I feel [like a] {rating}", "I'm at [a] {rating}", "my distress is [a] {rating}",
        "{rating} out of ten"));
    return java.util.Collections.unmodifiableMap(s);
  }

  /** Checks one configured sentence as Home Assistant will. */
  static void check(String key, String sentence) {
    if (sentence == null || sentence.isBlank() || PUNCTUATION.matcher(sentence).find()) {
      throw new InvalidConfigException(key, sentence, "a sentence without punctuation, e.g. I'm back from therapy");
    }
  }

  /** A rating said as a number or a word ("3", "three"), 0 to 10. */
  static Optional<Integer> rating(String said) {
    String text = said == null ? "" : said.trim().toLowerCase(Locale.ROOT);
    int word = NUMBERS.indexOf(text);
    if (word >= 0) {
      return Optional.of(word);
    }
    try {
      long value = Math.round(Double.parseDouble(text));
      return value < 0 || value > 10 ? Optional.empty() : Optional.of((int) value);
    } catch (NumberFormatException e) {
      // "bad": no number
      return Optional.empty();
    }
  }

  private Sentences() {}
}
