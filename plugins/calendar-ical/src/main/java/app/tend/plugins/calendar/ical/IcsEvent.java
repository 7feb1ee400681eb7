package app.tend.plugins.calendar.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.zone.ZoneRules;
import java.util.List;
import net.fortuna.ical4j.model.Recur;

/**
 * One VEVENT, with the properties Tend uses already read.
 *
 * @param uid its UID
 * @param line the line of its BEGIN:VEVENT
 * @param summary its SUMMARY
 * @param categories its CATEGORIES
 * @param transparent TRANSP:TRANSPARENT (free time)
 * @param cancelled STATUS:CANCELLED
 * @param start DTSTART; null only for an override that has none (it starts at its RECURRENCE-ID)
 * @param length from DTEND or DURATION; null when it has neither
 * @param rules its RRULEs
 * @param rdates its RDATEs
 * @param exdates its EXDATEs
 * @param recurrenceId RECURRENCE-ID: the start of the occurrence this event replaces; null for a series or a
 *     single event
 * @param thisAndFuture RECURRENCE-ID;RANGE=THISANDFUTURE: it also changes every later occurrence
 */
record IcsEvent(
    String uid,
    int line,
    String summary,
    List<String> categories,
    boolean transparent,
    boolean cancelled,
    IcsTime start,
    Length length,
    List<Recur<LocalDateTime>> rules,
    List<RDate> rdates,
    List<IcsTime> exdates,
    IcsTime recurrenceId,
    boolean thisAndFuture) {

  /** An RDATE: a start, and for a PERIOD its own end. */
  record RDate(IcsTime start, Instant end) {}

  /**
   * How long an occurrence lasts: whole days on the wall clock (a DURATION's days and weeks are nominal, so a
   * day across a clock change is still a day) and then exact time.
   */
  record Length(Period days, Duration time) {

    static final Length ZERO = new Length(Period.ZERO, Duration.ZERO);

    /** The end of an occurrence that starts at this wall-clock time. */
    Instant end(LocalDateTime start, ZoneRules rules) {
      return IcsTime.instant(start.plus(days), rules).plus(time);
    }

    /** An upper bound, for widening search windows. */
    Duration longest() {
      return time.plusDays(days.toTotalMonths() * 31 + days.getDays() + 1L);
    }
  }
}
