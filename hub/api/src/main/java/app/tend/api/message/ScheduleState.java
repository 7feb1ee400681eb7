package app.tend.api.message;

/**
 * Where a person is in the rhythm of their therapy, as the schedule service sees it at one instant.
 *
 * <p>When several apply, the first in this order wins: {@link #IN_SESSION}, {@link #BUSY},
 * {@link #DECOMPRESS}, {@link #BEFORE_SESSION}, {@link #QUIET_HOURS}, {@link #BETWEEN}. Quiet hours are
 * also reported on their own ({@link ScheduleStatus#quietHours()}), since they matter in every state.
 */
public enum ScheduleState {
  /** In the prep window before a therapy session. */
  BEFORE_SESSION,
  /** In a therapy session: never prompt. */
  IN_SESSION,
  /** In the window after a session: offer to decompress, gently, once. */
  DECOMPRESS,
  /** In another calendar event: defer prompts until it ends. */
  BUSY,
  /** In the person's quiet hours: no voice. */
  QUIET_HOURS,
  /** The days between sessions: practice time. */
  BETWEEN
}
