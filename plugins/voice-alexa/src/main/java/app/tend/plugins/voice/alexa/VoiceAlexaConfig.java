package app.tend.plugins.voice.alexa;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of the {@code voice-alexa} plugin (section {@code plugins.voice-alexa} of tend.yaml).
 *
 * @param applicationId the skill's id ({@code amzn1.ask.skill.…}); requests for any other skill are refused.
 *     Empty: every request is refused (the skill is not set up yet)
 * @param channel the channel name it serves
 * @param users Alexa user id ({@code amzn1.ask.account.…}) to person
 * @param defaultPerson the person for users not in {@code users}, or empty to turn them away
 * @param turnSeconds how much speech and pause one answer may hold before the skill asks to continue, 20 to 200
 * @param answerWaitMillis how long a request waits for the hub's first words before answering on its own, 200 to 7000
 * @param continueTimeoutSeconds how long a step waits for "continue" before the exercise counts as left, 10 to 3600
 */
public record VoiceAlexaConfig(
    String applicationId,
    String channel,
    Map<String, String> users,
    String defaultPerson,
    Integer turnSeconds,
    Integer answerWaitMillis,
    Integer continueTimeoutSeconds) {

  private static final Pattern PERSON_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final String PERSON_EXPECTED = "a person id of 1 to 64 characters a-z, 0-9, _ or -";

  /** Fills in defaults and checks every key. */
  public VoiceAlexaConfig {
    applicationId = applicationId == null ? "" : applicationId.trim();
    channel = ConfigChecks.matches("channel", ConfigChecks.orDefault(channel, "alexa"), NAME,
        "a channel name of letters, digits, _, ., : or -");
    Map<String, String> checked = new LinkedHashMap<>();
    if (users != null) {
      users.forEach((user, person) -> {
        if (user == null || user.isBlank()) {
          throw new InvalidConfigException("users", user, "an Alexa user id (amzn1.ask.account.…) as each key");
        }
        checked.put(user, ConfigChecks.matches("users." + user, person, PERSON_ID, PERSON_EXPECTED));
      });
    }
    users = java.util.Collections.unmodifiableMap(checked);
    defaultPerson = defaultPerson == null ? "" : defaultPerson.trim();
    if (!defaultPerson.isEmpty()) {
      ConfigChecks.matches("defaultPerson", defaultPerson, PERSON_ID, PERSON_EXPECTED);
    }
    turnSeconds = ConfigChecks.intIn("turnSeconds", turnSeconds, 90, 20, 200);
    answerWaitMillis = ConfigChecks.intIn("answerWaitMillis", answerWaitMillis, 2500, 200, 7000);
    continueTimeoutSeconds = ConfigChecks.intIn("continueTimeoutSeconds", continueTimeoutSeconds, 120, 10, 3600);
  }

  /** Every default (no application id: every request is refused). */
  public static VoiceAlexaConfig defaults() {
    return new VoiceAlexaConfig(null, null, null, null, null, null, null);
  }

  /** The person an Alexa user is, if known. */
  java.util.Optional<String> personOf(String userId) {
    String person = users.get(userId);
    if (person == null && !defaultPerson.isEmpty()) {
      person = defaultPerson;
    }
    return java.util.Optional.ofNullable(person);
  }
}
