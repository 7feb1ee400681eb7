package app.tend.hub.config;

import app.tend.api.ConfigChecks;

/**
 * The store: one SQLite file.
 *
 * @param file the database file; default {@code <dataDir>/tend.db}
 * @param retentionDays days that stress states, suggestions, feedback, outcomes and sessions are kept;
 *     purged daily (learned effects, baselines and the coach's state are kept)
 * @param stressEverySeconds at most one stress state per person is kept per this many seconds (a change of
 *     level is always kept)
 */
public record StoreConfig(String file, Integer retentionDays, Integer stressEverySeconds) {

  public StoreConfig {
    file = file == null ? "" : file.trim();
    retentionDays = ConfigChecks.intIn("retentionDays", retentionDays, 365, 1, 36_500);
    stressEverySeconds = ConfigChecks.intIn("stressEverySeconds", stressEverySeconds, 60, 1, 3600);
  }

  /** Every default. */
  public static StoreConfig defaults() {
    return new StoreConfig(null, null, null);
  }
}
