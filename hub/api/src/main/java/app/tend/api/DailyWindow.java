package app.tend.api;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A window of local time repeated every day, written {@code HH:mm-HH:mm}; it may span midnight
 * ({@code 22:00-07:00}). The start is inside the window, the end is not; equal ends mean all day.
 *
 * @param from the local time the window opens
 * @param to the local time it closes
 */
public record DailyWindow(LocalTime from, LocalTime to) {

  private static final Pattern TEXT = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

  /** The whole day. */
  public static final DailyWindow ALL_DAY = new DailyWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

  /** Checks both ends are present. */
  public DailyWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Parses {@code HH:mm-HH:mm}.
   *
   * @param key the config key the text came from, for the error
   * @throws InvalidConfigException naming {@code key} when the text is not a window
   */
  public static DailyWindow parse(String key, String text) {
    Matcher m = text == null ? null : TEXT.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new InvalidConfigException(key, text, "a daily window like 22:00-07:00");
    }
    try {
      return new DailyWindow(time(m.group(1)), time(m.group(2)));
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException(key, text, "a daily window like 22:00-07:00 with times from 00:00 to 23:59");
    }
  }

  /**
   * Parses one local time {@code HH:mm}.
   *
   * @throws InvalidConfigException naming {@code key} when the text is not a time of day
   */
  public static LocalTime parseTime(String key, String text) {
    try {
      return time(text == null ? "" : text.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException(key, text, "a time of day like 08:30");
    }
  }

  private static LocalTime time(String text) {
    return LocalTime.parse(text.length() == 4 ? "0" + text : text);
  }

  /** True when {@code time} falls inside the window. */
  public boolean contains(LocalTime time) {
    if (from.equals(to)) {
      return true;
    }
    if (from.isBefore(to)) {
      return !time.isBefore(from) && time.isBefore(to);
    }
    return !time.isBefore(from) || time.isBefore(to);
  }

  /** True when the window covers the whole day. */
  public boolean allDay() {
    return from.equals(to);
  }

  @Override
  public String toString() {
    return from + "-" + to;
  }
}
