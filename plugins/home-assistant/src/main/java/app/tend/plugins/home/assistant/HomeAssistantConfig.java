package app.tend.plugins.home.assistant;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of the {@code home-assistant} plugin (section {@code plugins.home-assistant} of tend.yaml).
 *
 * @param persons the persons to show in Home Assistant, one device each; a person taken out of the list
 *     loses their entities at the next start
 * @param discoveryPrefix Home Assistant's discovery prefix (its MQTT integration's setting)
 * @param statusTopic the topic Home Assistant announces itself on ({@code online} after it starts)
 * @param baseTopic the prefix of Tend's state and command topics, {@code <baseTopic>/<person>/<entity>}
 * @param groundingExercise the exercise the "Start grounding" button asks for; {@code any} lets Tend choose
 * @param qos the QoS of every message Tend publishes and subscribes to
 */
public record HomeAssistantConfig(
    List<String> persons,
    String discoveryPrefix,
    String statusTopic,
    String baseTopic,
    String groundingExercise,
    Integer qos) {

  private static final Pattern PERSON = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern TOPIC = Pattern.compile("[^+#\\s]+(/[^+#\\s]+)*");
  private static final Pattern EXERCISE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** Fills in defaults and checks every key. */
  public HomeAssistantConfig {
    persons = persons == null ? List.of() : List.copyOf(persons);
    for (int i = 0; i < persons.size(); i++) {
      ConfigChecks.matches("persons[" + i + "]", persons.get(i), PERSON, "a person id of lower-case letters, digits, _ and -");
    }
    if (new LinkedHashSet<>(persons).size() != persons.size()) {
      throw new InvalidConfigException("persons", persons.toString(), "each person once");
    }
    discoveryPrefix = topic("discoveryPrefix", discoveryPrefix, "homeassistant");
    statusTopic = topic("statusTopic", statusTopic, discoveryPrefix + "/status");
    baseTopic = topic("baseTopic", baseTopic, "tend/ha");
    groundingExercise = ConfigChecks.orDefault(groundingExercise, "grounding-54321").trim();
    if (!groundingExercise.equals("any")) {
      ConfigChecks.matches("groundingExercise", groundingExercise, EXERCISE, "an exercise id, or any to let Tend choose");
    }
    qos = ConfigChecks.intIn("qos", qos, 1, 0, 2);
  }

  /** All settings at their defaults, for these persons. */
  public static HomeAssistantConfig of(List<String> persons) {
    return new HomeAssistantConfig(persons, null, null, null, null, null);
  }

  private static String topic(String key, String value, String fallback) {
    String topic = ConfigChecks.orDefault(value, fallback).trim();
    if (!TOPIC.matcher(topic).matches() || topic.endsWith("/")) {
      throw new InvalidConfigException(key, topic, "an MQTT topic without wildcards, spaces or a trailing /");
    }
    return topic;
  }
}
