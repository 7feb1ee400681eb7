package app.tend.plugins.calendar.ical;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plugin's settings, {@code plugins.calendar-ical}.
 *
 * @param pollMinutes how often each calendar is read again (URLs with ETag and If-Modified-Since, files
 *     when they changed)
 * @param calendars one calendar per person id
 */
public record CalendarIcalConfig(Integer pollMinutes, Map<String, PersonCalendar> calendars) {

  public CalendarIcalConfig {
    pollMinutes = ConfigChecks.intIn("pollMinutes", pollMinutes, 15, 1, 24 * 60);
    Map<String, PersonCalendar> copy = new LinkedHashMap<>();
    if (calendars != null) {
      calendars.forEach((person, calendar) -> {
        if (!person.matches("[a-z0-9_-]{1,64}")) {
          throw new InvalidConfigException("calendars." + person, person, "a person id of lower-case letters, digits, _ and -");
        }
        if (calendar == null) {
          throw new InvalidConfigException("calendars." + person, null, "a section with at least source");
        }
        copy.put(person, calendar);
      });
    }
    calendars = java.util.Collections.unmodifiableMap(copy);
  }
}
