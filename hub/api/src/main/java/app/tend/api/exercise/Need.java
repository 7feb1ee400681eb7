package app.tend.api.exercise;

/** Something an exercise needs to be done well; the coach offers it only when the need can be met. */
public enum Need {
  /** A voice to guide it step by step: not in quiet hours, and only with a voice channel. */
  VOICE,
  /** Going outside: not in quiet hours. */
  OUTDOORS,
  /** Daylight: only within the coach's daylight hours. */
  DAYLIGHT,
  /** Being undisturbed (eyes closed, lying down, talking out loud); channels show it, the coach cannot check it. */
  PRIVACY
}
