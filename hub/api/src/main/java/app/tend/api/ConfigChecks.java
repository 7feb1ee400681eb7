package app.tend.api;

import java.util.regex.Pattern;

/**
 * Checks for config record constructors; each returns the value or throws {@link InvalidConfigException}
 * naming the key. Boxed parameters treat {@code null} (the key was left out) as "use the default".
 */
public final class ConfigChecks {

  /** The value, or {@code fallback} when it was left out; fails if outside {@code [min, max]}. */
  public static int intIn(String key, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new InvalidConfigException(key, v, "a whole number from " + min + " to " + max);
    }
    return v;
  }

  /** The value, or {@code fallback} when it was left out; fails if outside {@code [min, max]}. */
  public static double doubleIn(String key, Double value, double fallback, double min, double max) {
    double v = value == null ? fallback : value;
    if (!(v >= min && v <= max)) {
      throw new InvalidConfigException(key, v, "a number from " + min + " to " + max);
    }
    return v;
  }

  /** The value, or {@code fallback} when it was left out or blank. */
  public static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The value, which must be present and match {@code pattern}; {@code expected} says what that means. */
  public static String matches(String key, String value, Pattern pattern, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidConfigException(key, value, expected);
    }
    return value;
  }

  /** The value, or {@code fallback} when left out. */
  public static boolean bool(Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }

  private ConfigChecks() {}
}
