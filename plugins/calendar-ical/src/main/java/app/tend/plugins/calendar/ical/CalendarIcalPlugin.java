package app.tend.plugins.calendar.ical;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;

/** Therapy sessions and busy times from iCalendar files or URLs; the work is done by {@link IcalScheduleSource}. */
public final class CalendarIcalPlugin extends TendPlugin {

  public CalendarIcalPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public Class<? extends Record> configType() {
    return CalendarIcalConfig.class;
  }
}
