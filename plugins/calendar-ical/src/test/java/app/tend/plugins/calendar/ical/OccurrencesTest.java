package app.tend.plugins.calendar.ical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.tend.api.message.CalendarEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OccurrencesTest {

  private static final Consumer<String> NO_PROBLEMS = problem -> {
    throw new AssertionError(problem);
  };

  private final Occurrences occurrences = new Occurrences("alex", Pattern.compile("(?i)therap"));

  @Test
  void weeklySessionWithExdateAndMovedOccurrenceGivesTheRightWindowsAcrossTheClockChange() throws Exception {
    List<CalendarEvent> events = occurrences.between(fixture("weekly-dst.ics"),
        Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"), NO_PROBLEMS);

    assertThat(events).extracting(CalendarEvent::start, CalendarEvent::end, CalendarEvent::kind).containsExactly(
        // Thursdays 14:00-14:50 Berlin: 13:00Z in winter time (CET, +01:00) ...
        tuple(Instant.parse("2026-03-05T13:00:00Z"), Instant.parse("2026-03-05T13:50:00Z"), CalendarEvent.Kind.THERAPY),
        tuple(Instant.parse("2026-03-12T13:00:00Z"), Instant.parse("2026-03-12T13:50:00Z"), CalendarEvent.Kind.THERAPY),
        // 19 March is an EXDATE
        tuple(Instant.parse("2026-03-26T13:00:00Z"), Instant.parse("2026-03-26T13:50:00Z"), CalendarEvent.Kind.THERAPY),
        tuple(Instant.parse("2026-03-26T14:30:00Z"), Instant.parse("2026-03-26T15:30:00Z"), CalendarEvent.Kind.BUSY),
        // ... the clocks go forward on 29 March; 2 April is moved to Friday 3 April 10:00 (CEST, +02:00) ...
        tuple(Instant.parse("2026-04-03T08:00:00Z"), Instant.parse("2026-04-03T08:50:00Z"), CalendarEvent.Kind.THERAPY),
        // ... and the rest stay at 14:00 Berlin, now 12:00Z
        tuple(Instant.parse("2026-04-09T12:00:00Z"), Instant.parse("2026-04-09T12:50:00Z"), CalendarEvent.Kind.THERAPY),
        tuple(Instant.parse("2026-04-16T12:00:00Z"), Instant.parse("2026-04-16T12:50:00Z"), CalendarEvent.Kind.THERAPY),
        tuple(Instant.parse("2026-04-23T12:00:00Z"), Instant.parse("2026-04-23T12:50:00Z"), CalendarEvent.Kind.THERAPY));

    CalendarEvent moved = events.get(4);
    assertThat(moved.id()).isEqualTo("therapy-weekly@tend.example@2026-04-02T12:00:00Z");
    assertThat(moved.summary()).isEqualTo("Session with Dr. Lee (moved)");
    assertThat(events).extracting(CalendarEvent::id).doesNotHaveDuplicates();
  }

  @Test
  void onlyOccurrencesOverlappingTheWindowAreGiven() throws Exception {
    List<CalendarEvent> events = occurrences.between(fixture("weekly-dst.ics"),
        Instant.parse("2026-03-12T13:30:00Z"), Instant.parse("2026-03-26T13:00:00Z"), NO_PROBLEMS);
    assertThat(events).extracting(CalendarEvent::start).containsExactly(Instant.parse("2026-03-12T13:00:00Z"));
  }

  @Test
  void categoryOrSummaryMarksSessions() throws Exception {
    Occurrences bySummary = new Occurrences("alex", Pattern.compile("Dr\\. Lee"));
    List<CalendarEvent> events = bySummary.between(fixture("weekly-dst.ics"),
        Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-06T00:00:00Z"), NO_PROBLEMS);
    assertThat(events).extracting(CalendarEvent::kind).containsExactly(CalendarEvent.Kind.THERAPY);
  }

  @Test
  void shippedSampleScheduleReadsAsWeeklySessionsAndMeetings() throws Exception {
    java.nio.file.Path sample = java.nio.file.Path.of(System.getProperty("tend.project.root", "../.."), "config", "schedule.ics");
    CalendarReader.Calendar calendar = CalendarReader.read(java.nio.file.Files.readAllBytes(sample), ZoneId.of("Europe/Berlin"));
    assertThat(calendar.problems()).isEmpty();
    List<CalendarEvent> week = occurrences.between(calendar, Instant.parse("2026-05-04T00:00:00Z"), Instant.parse("2026-05-11T00:00:00Z"),
        NO_PROBLEMS);
    assertThat(week).extracting(CalendarEvent::summary, CalendarEvent::kind).containsExactly(
        tuple("Team meeting", CalendarEvent.Kind.BUSY),
        tuple("Team meeting", CalendarEvent.Kind.BUSY),
        tuple("Therapy with Dr. Lee (moved to Friday)", CalendarEvent.Kind.THERAPY));
  }

  private static CalendarReader.Calendar fixture(String name) {
    return Fixtures.read(name, "Europe/Berlin");
  }
}
