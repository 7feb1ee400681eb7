package app.tend.api.exercise;

import app.tend.api.InvalidConfigException;

/**
 * One step of an exercise: the words to say or show, then a pause for doing it.
 *
 * @param say the words, spoken by a voice channel or shown on a screen
 * @param seconds how long the step lasts after the words, 0 to 3600
 */
public record Step(String say, Integer seconds) {

  /** Checks both components. */
  public Step {
    if (say == null || say.isBlank()) {
      throw new InvalidConfigException("say", say, "the words of the step");
    }
    if (seconds == null || seconds < 0 || seconds > 3600) {
      throw new InvalidConfigException("seconds", seconds, "a whole number of seconds from 0 to 3600");
    }
  }
}
