package app.tend.api;

/** What a {@link PromptChannel} can do, so the coach picks a fitting one. */
public enum ChannelCapability {
  /** Speaks out loud: not during quiet hours. */
  VOICE,
  /** Shows text on a screen. */
  SCREEN,
  /** Buzzes on the wrist. */
  HAPTIC,
  /** Can hear or take an answer (a rating, yes or no). */
  ANSWER,
  /**
   * Holds each step's pause itself (e.g. SSML breaks in a turn-based speaker such as Alexa): the hub
   * hands it the next step as soon as it has taken the previous one, instead of waiting the step's time.
   */
  PACES_ITSELF
}
