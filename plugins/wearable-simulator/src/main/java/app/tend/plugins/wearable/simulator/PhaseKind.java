package app.tend.plugins.wearable.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a simulated person is doing in one phase of the timeline. */
enum PhaseKind {
  /** Sitting quietly: resting heart rate, high heart-rate variability, few skin conductance responses. */
  CALM,
  /** A psychological stress episode: heart rate up, variability down, frequent skin conductance responses. */
  STRESS,
  /** A walk: heart rate up from exertion, lots of motion and steps. */
  WALK,
  /** Winding down: the body returns to its calm values at its own pace. */
  RECOVERY;

  /** The name used in config, e.g. {@code stress}. */
  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<PhaseKind> fromConfigName(String name) {
    return Arrays.stream(values()).filter(k -> k.configName().equals(name)).findFirst();
  }

  /** The config names, for error messages. */
  static String choices() {
    return Arrays.stream(values()).map(PhaseKind::configName).collect(Collectors.joining(", "));
  }
}
