package app.tend.hub.config;

import app.tend.api.DailyWindow;
import app.tend.api.InvalidConfigException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One person and their preferences, {@code persons.<id>}; stored in the database at start.
 *
 * @param name how to address them, or empty
 * @param zone their time zone (for quiet hours, days and practice times); default the machine's
 * @param channels the channels they want prompts on, in order of preference; default {@code coach.channels}
 * @param quietHours local hours without voice, {@code HH:mm-HH:mm} (may span midnight), or {@code none}
 * @param dailyLimit prompts per day at most; default {@code coach.dailyLimit}
 * @param dislikes exercise ids never to suggest
 * @param practice what to practise between sessions and when to be reminded
 */
public record PersonConfig(
    String name,
    String zone,
    List<String> channels,
    String quietHours,
    Integer dailyLimit,
    List<String> dislikes,
    PracticeConfig practice) {

  /** The text that turns quiet hours off. */
  public static final String NO_QUIET_HOURS = "none";

  public PersonConfig {
    name = name == null ? "" : name.trim();
    zone = zone == null || zone.isBlank() ? ZoneId.systemDefault().getId() : zone.trim();
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new InvalidConfigException("zone", zone, "a time zone id like Europe/Berlin");
    }
    channels = channels == null ? List.of() : List.copyOf(channels);
    if (channels.stream().anyMatch(c -> c == null || c.isBlank())) {
      throw new InvalidConfigException("channels", channels.toString(), "a list of channel names, e.g. [voice, wrist]");
    }
    quietHours = quietHours == null || quietHours.isBlank() ? "22:00-07:00" : quietHours.trim();
    if (!quietHours.equals(NO_QUIET_HOURS)) {
      DailyWindow window = DailyWindow.parse("quietHours", quietHours);
      if (window.allDay()) {
        throw new InvalidConfigException("quietHours", quietHours, "a window that ends at another time than it starts");
      }
    }
    if (dailyLimit != null && (dailyLimit < 1 || dailyLimit > 100)) {
      throw new InvalidConfigException("dailyLimit", dailyLimit, "a whole number from 1 to 100");
    }
    dislikes = dislikes == null ? List.of() : List.copyOf(dislikes);
    practice = practice == null ? PracticeConfig.none() : practice;
  }

  /** A person with every default. */
  public static PersonConfig defaults() {
    return new PersonConfig(null, null, null, null, null, null, null);
  }

  /** {@link #zone()} as a zone id. */
  public ZoneId zoneId() {
    return ZoneId.of(zone);
  }

  /** The quiet hours, or empty when turned off. */
  public Optional<DailyWindow> quiet() {
    return quietHours.equals(NO_QUIET_HOURS) ? Optional.empty() : Optional.of(DailyWindow.parse("quietHours", quietHours));
  }
}
