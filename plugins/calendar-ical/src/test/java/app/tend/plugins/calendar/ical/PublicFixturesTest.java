package app.tend.plugins.calendar.ical;

import static app.tend.plugins.calendar.ical.Fixtures.between;
import static app.tend.plugins.calendar.ical.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.tend.api.message.CalendarEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Public real-world calendars from the test suites of python icalendar and ical4j (origin and licences in
 * {@code src/test/resources/.../real/SOURCES.md}), expanded and compared with what each file means: the times
 * below are worked out by hand from the file and the IANA rules of the zone it names.
 */
class PublicFixturesTest {

  private static final String REAL = "real/";

  @Test
  void iphoneExportWithStructuredLocationIsRead() {
    CalendarReader.Calendar calendar = read(REAL + "ical4j-apple-iphone-os-26-structured-location.ics", "UTC");
    assertThat(calendar.problems()).isEmpty();
    // 10:30-10:40 in Vienna, summer time (+02:00)
    assertThat(between(calendar, "2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z"))
        .extracting(CalendarEvent::summary, CalendarEvent::start, CalendarEvent::end)
        .containsExactly(tuple("Antrag auf ID Austria", Instant.parse("2026-05-22T08:30:00Z"), Instant.parse("2026-05-22T08:40:00Z")));
  }

  @Test
  void appleStructuredLocationWithEmptyTitleAndWeekdayRuleIsRead() {
    CalendarReader.Calendar calendar = read(REAL + "icalendar-x_location.ics", "UTC");
    assertThat(calendar.problems()).isEmpty();
    // Weekdays 14:00-14:30 Zurich from Friday 28 October 2016; the clocks went back on the 30th.
    assertThat(between(calendar, "2016-10-28T00:00:00Z", "2016-11-03T00:00:00Z")).extracting(CalendarEvent::start)
        .containsExactly(Instant.parse("2016-10-28T12:00:00Z"), Instant.parse("2016-10-31T13:00:00Z"),
            Instant.parse("2016-11-01T13:00:00Z"), Instant.parse("2016-11-02T13:00:00Z"));
  }

  @Test
  void exchangeWindowsZoneNameIsThatZone() {
    CalendarReader.Calendar calendar = read(REAL + "icalendar-timezone_same_start.ics", "UTC");
    // "Pacific Standard Time" is America/Los_Angeles: 12:00 PST is 20:00Z
    assertThat(between(calendar, "2017-02-01T00:00:00Z", "2017-03-01T00:00:00Z"))
        .extracting(CalendarEvent::start, CalendarEvent::end)
        .containsExactly(tuple(Instant.parse("2017-02-24T20:00:00Z"), Instant.parse("2017-02-24T20:30:00Z")));
  }

  @Test
  void exchangeZoneWithEqualOffsetsAndAMistypedEndIsRead() {
    // Both observances start in 1601 with +09:00 to +09:00; the file ends with END:VCALENDARD.
    CalendarReader.Calendar calendar = read(REAL + "icalendar-timezone_same_start_and_offset.ics", "UTC");
    assertThat(between(calendar, "2017-02-01T00:00:00Z", "2017-03-01T00:00:00Z"))
        .extracting(CalendarEvent::start, CalendarEvent::end)
        .containsExactly(tuple(Instant.parse("2017-02-24T03:00:00Z"), Instant.parse("2017-02-24T03:30:00Z")));
    Ics.Component tokyo = Ics.parse(new String(Fixtures.bytes(REAL + "icalendar-timezone_same_start_and_offset.ics")))
        .calendars().get(0).children("VTIMEZONE").get(0);
    assertThat(Zones.rules(tokyo).getOffset(Instant.parse("2026-07-01T00:00:00Z")).getTotalSeconds()).isEqualTo(9 * 3600);
  }

  @Test
  void prefixedIanaNameWithAListOfObservancesIsThatZone() {
    CalendarReader.Calendar calendar = read(REAL + "icalendar-timezone_rdate.ics", "UTC");
    assertThat(between(calendar, "2012-02-01T00:00:00Z", "2012-03-01T00:00:00Z")).extracting(CalendarEvent::start)
        .containsExactly(Instant.parse("2012-02-13T09:00:00Z"));
  }

  @Test
  void vtimezoneOfObservancesAndRdatesAgreesWithIana() {
    // posix/Europe/Vaduz as written out by a tz database export: history from 1901, RDATEs and rules with COUNT.
    Ics.Component vaduz = Ics.parse(new String(Fixtures.bytes(REAL + "icalendar-timezone_rdate.ics")))
        .calendars().get(0).children("VTIMEZONE").get(0);
    assertSameOffsets(Zones.rules(vaduz), ZoneId.of("Europe/Vaduz"), 1982, 2030);
  }

  @Test
  void customZoneNameIsReadFromItsVtimezone() {
    // custom_Pacific/Fiji names no zone: its VTIMEZONE (rules by BYMONTHDAY and BYDAY, and RDATEs) decides.
    // The event has two DTSTARTs (the first counts) and no DTEND (it lasts no time).
    CalendarReader.Calendar calendar = read(REAL + "icalendar-pacific_fiji.ics", "UTC");
    assertThat(between(calendar, "2014-08-01T00:00:00Z", "2014-09-01T00:00:00Z"))
        .extracting(CalendarEvent::start, CalendarEvent::end)
        .containsExactly(tuple(Instant.parse("2014-08-28T20:00:00Z"), Instant.parse("2014-08-28T20:00:00Z")));
    Ics.Component fiji = Ics.parse(new String(Fixtures.bytes(REAL + "icalendar-pacific_fiji.ics")))
        .calendars().get(0).children("VTIMEZONE").get(0);
    // Daylight time from the Sunday in 21-27 October 2013 to the Sunday in 18-24 January 2014 (+13:00).
    assertThat(Zones.rules(fiji).getOffset(Instant.parse("2013-12-01T00:00:00Z")).getTotalSeconds()).isEqualTo(13 * 3600);
    assertThat(Zones.rules(fiji).getOffset(Instant.parse("2014-03-01T00:00:00Z")).getTotalSeconds()).isEqualTo(12 * 3600);
  }

  @Test
  void googleSeriesWithBlankLinesUntilAndExdatesGivesEveryFridayAndSaturdayButTwo() {
    CalendarReader.Calendar calendar = read(REAL + "icalendar-issue_112_missing_tzinfo_on_exdate.ics", "UTC");
    List<CalendarEvent> events = between(calendar, "2013-09-01T00:00:00Z", "2013-11-01T00:00:00Z");
    // Fridays and Saturdays 12:00-17:00 New York (EDT, 16:00Z) from 7 September until 25 October 03:59:59Z,
    // without 11 and 12 October.
    assertThat(events).extracting(e -> e.start().toString()).containsExactly(
        "2013-09-07T16:00:00Z", "2013-09-13T16:00:00Z", "2013-09-14T16:00:00Z", "2013-09-20T16:00:00Z",
        "2013-09-21T16:00:00Z", "2013-09-27T16:00:00Z", "2013-09-28T16:00:00Z", "2013-10-04T16:00:00Z",
        "2013-10-05T16:00:00Z", "2013-10-18T16:00:00Z", "2013-10-19T16:00:00Z");
    assertThat(events).allSatisfy(e -> assertThat(e.end()).isEqualTo(e.start().plusSeconds(5 * 3600)));
  }

  @Test
  void exdateListsOnFloatingAndZonedSeriesAreLeftOut() {
    CalendarReader.Calendar calendar = read(REAL + "icalendar-recurrence.ics", "UTC");
    List<CalendarEvent> daily = between(calendar, "1996-03-01T00:00:00Z", "1996-08-01T00:00:00Z");
    // 100 days from 1 April 1996 01:00 (floating, read in UTC here) without 2, 3 and 4 April.
    assertThat(daily).hasSize(97);
    assertThat(daily).extracting(e -> e.start().toString()).startsWith("1996-04-01T01:00:00Z", "1996-04-05T01:00:00Z");
    // Tuesdays 10:00 Vienna until 3 July 2012 08:00Z (inclusive), without five of them.
    assertThat(between(calendar, "2012-03-01T00:00:00Z", "2012-08-01T00:00:00Z")).extracting(e -> e.start().toString())
        .containsExactly("2012-03-27T08:00:00Z", "2012-04-24T08:00:00Z", "2012-05-08T08:00:00Z", "2012-05-15T08:00:00Z",
            "2012-05-22T08:00:00Z", "2012-06-05T08:00:00Z", "2012-06-12T08:00:00Z", "2012-06-19T08:00:00Z",
            "2012-06-26T08:00:00Z", "2012-07-03T08:00:00Z");
  }

  @Test
  void meetupExportGivesItsThreeEvenings() {
    CalendarReader.Calendar calendar = read(REAL + "icalendar-issue_53_parsing_failure.ics", "UTC");
    assertThat(between(calendar, "2012-01-01T00:00:00Z", "2013-01-01T00:00:00Z"))
        .extracting(e -> e.start().toString(), e -> e.end().toString())
        .containsExactly(tuple("2012-07-12T22:30:00Z", "2012-07-13T01:30:00Z"), tuple("2012-09-11T22:30:00Z", "2012-09-12T01:30:00Z"),
            tuple("2012-11-13T23:30:00Z", "2012-11-14T02:30:00Z"));
  }

  @Test
  void outlookDisplayNameZoneFollowsItsVtimezoneThroughEveryClockChange() {
    // Outlook 11 names the zone by its display name, "Canberra, Melbourne, Sydney": no IANA or Windows name,
    // so its VTIMEZONE decides. Its rules are Sydney's since 2008: every weekday stand-up is at 09:30 there.
    CalendarReader.Calendar calendar = read(REAL + "ical4j-Standup.ics", "UTC");
    assertThat(calendar.problems()).isEmpty();
    List<CalendarEvent> events = between(calendar, "2009-03-01T00:00:00Z", "2027-01-01T00:00:00Z");
    assertThat(events).hasSizeGreaterThan(4500);
    ZoneId sydney = ZoneId.of("Australia/Sydney");
    assertThat(events).allSatisfy(e -> {
      ZonedDateTime local = e.start().atZone(sydney);
      assertThat(local.toLocalTime()).as(e.start().toString()).isEqualTo(LocalTime.of(9, 30));
      assertThat(e.end()).isEqualTo(e.start().plusSeconds(15 * 60));
    });
    assertThat(events.get(0).start()).isEqualTo(Instant.parse("2009-03-09T22:30:00Z"));
  }

  @Test
  void quotedOffsetNamedZoneIsReadFromItsVtimezone() {
    // TZID "(GMT-03:00)", Brazil's rules of the time: in May standard time, -03:00.
    CalendarReader.Calendar calendar = read(REAL + "ical4j-test-relaxed-parsing.ics", "UTC");
    assertThat(between(calendar, "2016-05-01T00:00:00Z", "2016-06-01T00:00:00Z"))
        .extracting(CalendarEvent::start, CalendarEvent::end)
        .containsExactly(tuple(Instant.parse("2016-05-18T15:30:00Z"), Instant.parse("2016-05-18T16:30:00Z")));
  }

  @Test
  void ianaNameWinsOverAVtimezoneWithOnlyOneObservance() {
    CalendarReader.Calendar calendar = read(REAL + "ical4j-dst-only-vtimezone.ics", "UTC");
    assertThat(between(calendar, "2018-04-01T00:00:00Z", "2018-05-01T00:00:00Z"))
        .extracting(CalendarEvent::id, CalendarEvent::start)
        .containsExactly(tuple("only-dst@example.com@2018-04-03T07:00:00Z", Instant.parse("2018-04-03T07:00:00Z")));
  }

  /** The offsets of both rules agree at every day's noon UTC of these years. */
  static void assertSameOffsets(java.time.zone.ZoneRules rules, ZoneId zone, int fromYear, int toYear) {
    for (LocalDate day = LocalDate.of(fromYear, 1, 1); day.getYear() <= toYear; day = day.plusDays(1)) {
      Instant noon = day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
      assertThat(rules.getOffset(noon)).as(day.toString()).isEqualTo(zone.getRules().getOffset(noon));
    }
  }
}
