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
  ANSWER
}
