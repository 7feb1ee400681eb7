package app.tend.plugins.wearable.simulator;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of the {@code wearable-simulator} plugin (section {@code plugins.wearable-simulator}).
 *
 * @param persons the ids of the simulated persons; each gets their own resting values
 * @param device the device name in the topics
 * @param speed how much faster than real time the first pass through the timeline runs (1 to 1000)
 * @param loop whether to start the timeline again when it ends (later passes run in real time)
 * @param seed the seed of every random choice: the same seed gives the same signals
 * @param qos the QoS of the published samples
 * @param topicPrefix Tend's topic prefix; samples go to {@code <prefix>/<person>/<device>/<kind>}
 * @param clientId the MQTT client id; empty: {@code tend-wearable-simulator-<random>}
 * @param phases the timeline, in order
 */
public record WearableSimulatorConfig(
    List<String> persons,
    String device,
    Double speed,
    Boolean loop,
    Long seed,
    Integer qos,
    String topicPrefix,
    String clientId,
    List<Phase> phases) {

  private static final Pattern PERSON_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern TOPIC_LEVEL = Pattern.compile("[^/+#\\s]{1,64}");

  /** Fills in defaults and checks every key. */
  public WearableSimulatorConfig {
    persons = persons == null || persons.isEmpty() ? List.of("demo") : List.copyOf(persons);
    for (int i = 0; i < persons.size(); i++) {
      ConfigChecks.matches("persons[" + i + "]", persons.get(i), PERSON_ID, "1 to 64 characters a-z, 0-9, _ or -");
    }
    device = ConfigChecks.matches("device", ConfigChecks.orDefault(device, "sim-watch"), TOPIC_LEVEL,
        "one topic level without /, + or #");
    speed = ConfigChecks.doubleIn("speed", speed, 30, 1, 1000);
    loop = ConfigChecks.bool(loop, true);
    seed = seed == null ? 42L : seed;
    qos = ConfigChecks.intIn("qos", qos, 1, 0, 2);
    topicPrefix = ConfigChecks.orDefault(topicPrefix, "tend/wearable");
    if (topicPrefix.contains("+") || topicPrefix.contains("#") || topicPrefix.endsWith("/")) {
      throw new InvalidConfigException("topicPrefix", topicPrefix, "a topic without wildcards or a trailing /");
    }
    clientId = ConfigChecks.orDefault(clientId, "");
    phases = phases == null || phases.isEmpty() ? DEFAULT_TIMELINE : List.copyOf(phases);
  }

  /** A calm stretch, a stress episode, a walk and recovery: 34 minutes, about 68 s at the default speed. */
  static final List<Phase> DEFAULT_TIMELINE = List.of(
      new Phase("calm", 10.0), new Phase("stress", 8.0), new Phase("walk", 6.0), new Phase("recovery", 10.0));

  /** All settings at their defaults. */
  public static WearableSimulatorConfig defaults() {
    return new WearableSimulatorConfig(null, null, null, null, null, null, null, null, null);
  }

  /**
   * One phase of the timeline.
   *
   * @param kind {@code calm}, {@code stress}, {@code walk} or {@code recovery}
   * @param minutes how long it lasts in simulated minutes
   */
  public record Phase(String kind, Double minutes) {

    /** Checks both keys. */
    public Phase {
      if (kind == null || PhaseKind.fromConfigName(kind).isEmpty()) {
        throw new InvalidConfigException("kind", kind, "one of " + PhaseKind.choices());
      }
      minutes = ConfigChecks.doubleIn("minutes", minutes, Double.NaN, 0.1, 24 * 60);
    }

    PhaseKind phaseKind() {
      return PhaseKind.fromConfigName(kind).orElseThrow();
    }
  }
}
