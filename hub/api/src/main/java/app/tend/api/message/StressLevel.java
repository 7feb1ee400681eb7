package app.tend.api.message;

/** How stressed a person seems, as judged by the stress engine. */
public enum StressLevel {
  /** At or near the person's calm baseline. */
  CALM,
  /** Somewhat above baseline; worth watching, rarely worth a prompt. */
  ELEVATED,
  /** Clearly stressed. */
  HIGH,
  /** Physically active (walking, exercise) or recovering from it: a high heart rate is not stress. */
  ACTIVE,
  /** Too little or too poor signal to say. */
  UNKNOWN
}
