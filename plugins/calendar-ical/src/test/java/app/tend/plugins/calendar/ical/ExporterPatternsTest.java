package app.tend.plugins.calendar.ical;

import static app.tend.plugins.calendar.ical.Fixtures.between;
import static app.tend.plugins.calendar.ical.Fixtures.read;
import static app.tend.plugins.calendar.ical.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import app.tend.api.message.CalendarEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exporters' habits of issue 12, each in a calendar written after it (see {@code patterns/} in SOURCES.md),
 * and what RFC 5545 and the big clients mean by them.
 */
class ExporterPatternsTest {

  private static final String PATTERNS = "patterns/";

  @Test
  void nextcloudCreatedWithoutZAndAlarmOfWeeksAndDaysAreNoObstacle() {
    CalendarReader.Calendar calendar = read(PATTERNS + "nextcloud-sabredav.ics", "UTC");
    assertThat(calendar.problems()).isEmpty();
    assertThat(between(calendar, "2026-03-01T00:00:00Z", "2026-04-15T00:00:00Z"))
        .extracting(e -> e.start().toString(), CalendarEvent::kind, CalendarEvent::summary).containsExactly(
            // Mondays 17:00 Berlin (the session is found by its category), the clocks go forward on 29 March
            tuple("2026-03-02T16:00:00Z", CalendarEvent.Kind.THERAPY, "Therapie"),
            tuple("2026-03-04T07:30:00Z", CalendarEvent.Kind.BUSY, "Zahnarzt"),
            tuple("2026-03-09T16:00:00Z", CalendarEvent.Kind.THERAPY, "Therapie"),
            tuple("2026-03-16T16:00:00Z", CalendarEvent.Kind.THERAPY, "Therapie"),
            tuple("2026-03-23T16:00:00Z", CalendarEvent.Kind.THERAPY, "Therapie"),
            tuple("2026-03-30T15:00:00Z", CalendarEvent.Kind.THERAPY, "Therapie"),
            tuple("2026-04-06T15:00:00Z", CalendarEvent.Kind.THERAPY, "Therapie"));
  }

  @Test
  void exchangeCdoWithFoldedWeekdaysBlankLinesAndUnindentedContinuationIsRead() {
    CalendarReader.Calendar calendar = read(PATTERNS + "exchange-cdo.ics", "UTC");
    assertThat(calendar.problems()).isEmpty();
    List<CalendarEvent> events = between(calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
    // Ten weekday stand-ups 08:30 Berlin (W. Europe Standard Time), and the therapy on Thursday 5 March.
    assertThat(events).filteredOn(e -> e.kind() == CalendarEvent.Kind.BUSY).extracting(e -> e.start().toString())
        .containsExactly("2026-03-02T07:30:00Z", "2026-03-03T07:30:00Z", "2026-03-04T07:30:00Z", "2026-03-05T07:30:00Z",
            "2026-03-06T07:30:00Z", "2026-03-09T07:30:00Z", "2026-03-10T07:30:00Z", "2026-03-11T07:30:00Z",
            "2026-03-12T07:30:00Z", "2026-03-13T07:30:00Z");
    assertThat(events).filteredOn(e -> e.kind() == CalendarEvent.Kind.THERAPY).extracting(CalendarEvent::start, CalendarEvent::id)
        .containsExactly(tuple(Instant.parse("2026-03-05T15:00:00Z"),
            "040000008200E00074C5B7101A82E00800000000C1E5B6020AB2DC01000000000000000010000000B2C3D4E5F60718293A4B5C6D7E8F9001"
                + "@2026-03-05T15:00:00Z"));
  }

  @Test
  void windowsLiveZoneNameIsResolvedAsThatZoneNotByItsVtimezone() {
    // The file's own VTIMEZONE starts daylight time on the first Sunday of March: a week early in 2027.
    CalendarReader.Calendar calendar = read(PATTERNS + "windows-live-pacific.ics", "UTC");
    List<CalendarEvent> events = between(calendar, "2027-03-01T00:00:00Z", "2027-03-21T00:00:00Z");
    assertThat(events).hasSize(15);
    // 15:00 in Los Angeles: PST (23:00Z) until the second Sunday of March, 14 March 2027, then PDT (22:00Z).
    assertThat(events).allSatisfy(e -> assertThat(e.start().toString())
        .endsWith(e.start().isBefore(Instant.parse("2027-03-14T10:00:00Z")) ? "T23:00:00Z" : "T22:00:00Z"));
    assertThat(events).extracting(e -> e.start().toString()).contains("2027-03-08T23:00:00Z", "2027-03-12T23:00:00Z",
        "2027-03-15T22:00:00Z");
  }

  @Test
  void appleBrisbaneAsAListOfPastObservancesKeepsStandardTime() {
    CalendarReader.Calendar calendar = read(PATTERNS + "apple-ical-brisbane.ics", "UTC");
    assertThat(between(calendar, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z")).extracting(e -> e.start().toString())
        .containsExactly("2026-03-10T01:00:00Z", "2026-03-17T01:00:00Z", "2026-03-24T01:00:00Z", "2026-03-31T01:00:00Z",
            "2026-04-07T01:00:00Z");
    // Read on its own, the VTIMEZONE says the same: its last observance (standard time, 1992) still holds.
    Ics.Component brisbane = Ics.parse(new String(Fixtures.bytes(PATTERNS + "apple-ical-brisbane.ics")))
        .calendars().get(0).children("VTIMEZONE").get(0);
    PublicFixturesTest.assertSameOffsets(Zones.rules(brisbane), java.time.ZoneId.of("Australia/Brisbane"), 1993, 2030);
  }

  @Test
  void outlook12ZoneOfEqualOffsetsGivesEverySessionAtItsHour() {
    CalendarReader.Calendar calendar = read(PATTERNS + "outlook12-kuala-lumpur.ics", "Europe/Berlin");
    List<CalendarEvent> events = between(calendar, "2026-01-01T00:00:00Z", "2027-02-01T00:00:00Z");
    assertThat(events).hasSize(53);
    // Wednesdays 10:00-10:50 at +08:00
    assertThat(events).allSatisfy(e -> {
      assertThat(e.start().toString()).endsWith("T02:00:00Z");
      assertThat(e.end().toString()).endsWith("T02:50:00Z");
      assertThat(e.kind()).isEqualTo(CalendarEvent.Kind.THERAPY);
    });
  }

  @Test
  void movedGoogleOccurrenceWithoutEndKeepsTheSeriesLength() {
    CalendarReader.Calendar calendar = read(PATTERNS + "google-moved-without-dtend.ics", "UTC");
    assertThat(between(calendar, "2026-03-01T00:00:00Z", "2026-03-21T00:00:00Z"))
        .extracting(e -> e.start().toString(), e -> e.end().toString(), CalendarEvent::id).containsExactly(
            tuple("2026-03-05T14:00:00Z", "2026-03-05T14:50:00Z", "1c4t5pq0o0bqrd2hkqkl6dkq8h@google.com@2026-03-05T14:00:00Z"),
            tuple("2026-03-13T16:00:00Z", "2026-03-13T16:50:00Z", "1c4t5pq0o0bqrd2hkqkl6dkq8h@google.com@2026-03-12T14:00:00Z"),
            tuple("2026-03-19T14:00:00Z", "2026-03-19T14:50:00Z", "1c4t5pq0o0bqrd2hkqkl6dkq8h@google.com@2026-03-19T14:00:00Z"));
  }

  @Test
  void thisAndFutureMovesEveryLaterOccurrence() {
    CalendarReader.Calendar calendar = read(PATTERNS + "range-thisandfuture.ics", "UTC");
    // Tuesdays 09:00-09:50 Berlin; from 24 March 11:30-12:30 with a new summary, across the clock change.
    assertThat(between(calendar, "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z"))
        .extracting(e -> e.start().toString(), e -> e.end().toString(), CalendarEvent::summary).containsExactly(
            tuple("2026-03-03T08:00:00Z", "2026-03-03T08:50:00Z", "Therapy"),
            tuple("2026-03-10T08:00:00Z", "2026-03-10T08:50:00Z", "Therapy"),
            tuple("2026-03-17T08:00:00Z", "2026-03-17T08:50:00Z", "Therapy"),
            tuple("2026-03-24T10:30:00Z", "2026-03-24T11:30:00Z", "Therapy (new room)"),
            tuple("2026-03-31T09:30:00Z", "2026-03-31T10:30:00Z", "Therapy (new room)"),
            tuple("2026-04-07T09:30:00Z", "2026-04-07T10:30:00Z", "Therapy (new room)"),
            tuple("2026-04-14T09:30:00Z", "2026-04-14T10:30:00Z", "Therapy (new room)"),
            tuple("2026-04-21T09:30:00Z", "2026-04-21T10:30:00Z", "Therapy (new room)"),
            tuple("2026-04-28T09:30:00Z", "2026-04-28T10:30:00Z", "Therapy (new room)"),
            tuple("2026-05-05T09:30:00Z", "2026-05-05T10:30:00Z", "Therapy (new room)"));
  }

  @Test
  void rdatePeriodsHaveTheirOwnEnds() {
    CalendarReader.Calendar calendar = read(PATTERNS + "rdate-period.ics", "UTC");
    assertThat(between(calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))
        .extracting(e -> e.start().toString(), e -> e.end().toString()).containsExactly(
            tuple("2026-03-02T09:00:00Z", "2026-03-02T09:50:00Z"),
            tuple("2026-03-04T15:00:00Z", "2026-03-04T17:00:00Z"),
            tuple("2026-03-06T12:00:00Z", "2026-03-06T15:00:00Z"),
            tuple("2026-03-09T09:00:00Z", "2026-03-09T09:50:00Z"));
  }

  @Test
  void badEventIsSkippedAndNamedWithItsLineAndUid() {
    CalendarReader.Calendar calendar = text("""
        BEGIN:VCALENDAR
        VERSION:2.0
        BEGIN:VEVENT
        UID:good-1
        DTSTART:20260302T100000Z
        DTEND:20260302T110000Z
        SUMMARY:Therapy
        END:VEVENT
        BEGIN:VEVENT
        UID:bad-date
        SUMMARY:Therapy
        DTSTART:2026-03-03 10:00
        END:VEVENT
        BEGIN:VEVENT
        UID:bad-rule
        DTSTART:20260304T100000Z
        RRULE:FREQ=FORTNIGHTLY
        END:VEVENT
        BEGIN:VEVENT
        UID:good-2
        DTSTART:20260305T100000Z
        DURATION:PT1H
        END:VEVENT
        END:VCALENDAR
        """);
    assertThat(calendar.skipped()).isEqualTo(2);
    assertThat(calendar.problems()).hasSize(2);
    assertThat(calendar.problems().get(0)).startsWith("line 12, event bad-date: skipped: DTSTART '2026-03-03 10:00' is not a date");
    assertThat(calendar.problems().get(1)).startsWith("line 17, event bad-rule: skipped: RRULE 'FREQ=FORTNIGHTLY' cannot be read");
    assertThat(between(calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")).extracting(CalendarEvent::id)
        .containsExactly("good-1@2026-03-02T10:00:00Z", "good-2@2026-03-05T10:00:00Z");
  }

  @Test
  void unquotedTzidWithACommaIsOneName() {
    CalendarReader.Calendar calendar = text("""
        BEGIN:VCALENDAR
        BEGIN:VTIMEZONE
        TZID:Kuala Lumpur\\, Singapore
        BEGIN:STANDARD
        DTSTART:16010101T000000
        TZOFFSETFROM:+0800
        TZOFFSETTO:+0800
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:x
        DTSTART;TZID=Kuala Lumpur, Singapore:20260107T100000
        END:VEVENT
        END:VCALENDAR
        """);
    assertThat(calendar.problems()).isEmpty();
    assertThat(between(calendar, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")).extracting(CalendarEvent::start)
        .containsExactly(Instant.parse("2026-01-07T02:00:00Z"));
  }

  @Test
  void unknownZoneWithoutVtimezoneIsReadInTheConfiguredZoneAndSaidSo() {
    CalendarReader.Calendar calendar = text("""
        BEGIN:VCALENDAR
        BEGIN:VEVENT
        UID:x
        DTSTART;TZID=Somewhere Else:20260302T100000
        END:VEVENT
        END:VCALENDAR
        """);
    assertThat(calendar.problems()).containsExactly(
        "line 4: TZID 'Somewhere Else' is neither a known zone nor defined in the calendar; read in Europe/Berlin instead");
    assertThat(between(calendar, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")).extracting(CalendarEvent::start)
        .containsExactly(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void calendarCutShortFailsAsAWhole() {
    // A half-written file must not replace the whole one read before.
    assertThatThrownBy(() -> text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260302T100000Z\nEND:VEVENT\n"
        + "BEGIN:VEVENT\nUID:b\nDTSTART:2026")).hasMessage("cut short: the event that begins at line 6 never ends");
    assertThatThrownBy(() -> text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260302T100000Z\nEND:VEVENT\nX-WR"))
        .hasMessage("cut short: no END:VCALENDAR");
  }

  @Test
  void textWithoutACalendarFailsAsAWhole() {
    assertThatThrownBy(() -> text("<html><body>Please log in</body></html>"))
        .hasMessage("not an iCalendar file: no BEGIN:VCALENDAR");
  }
}
