package app.tend.hub.config;

import app.tend.api.ConfigChecks;

/**
 * The schedule service.
 *
 * @param beforeSessionMinutes the prep window before a session (BEFORE_SESSION)
 * @param decompressMinutes the window after a session (DECOMPRESS)
 * @param refreshMinutes how often calendars are asked for their events again
 * @param horizonDays how far ahead calendars are read
 * @param manualSessionMinutes how long a session started by hand ("my session is starting") lasts when
 *     nobody says it is over
 */
public record ScheduleConfig(
    Integer beforeSessionMinutes,
    Integer decompressMinutes,
    Integer refreshMinutes,
    Integer horizonDays,
    Integer manualSessionMinutes) {

  public ScheduleConfig {
    beforeSessionMinutes = ConfigChecks.intIn("beforeSessionMinutes", beforeSessionMinutes, 30, 0, 24 * 60);
    decompressMinutes = ConfigChecks.intIn("decompressMinutes", decompressMinutes, 90, 0, 24 * 60);
    refreshMinutes = ConfigChecks.intIn("refreshMinutes", refreshMinutes, 15, 1, 24 * 60);
    horizonDays = ConfigChecks.intIn("horizonDays", horizonDays, 14, 1, 366);
    manualSessionMinutes = ConfigChecks.intIn("manualSessionMinutes", manualSessionMinutes, 120, 10, 24 * 60);
  }

  /** Every default. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(null, null, null, null, null);
  }
}
