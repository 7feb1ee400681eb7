package app.tend.hub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.CalendarEvent;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SessionEvent;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.ScheduleConfig;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulesTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final PersonConfig ALEX = new PersonConfig("Alex", "Europe/Berlin", null, "22:00-07:00", null, null, null);

  private final Schedules schedules = new Schedules(List.of("alex"), id -> ALEX, ScheduleConfig.defaults());

  @Test
  void statesAroundASessionAreBeforeInDecompressThenBetween() {
    schedules.setEvents(List.of(therapy("s1", at(2026, 3, 4, 14, 0), at(2026, 3, 4, 14, 50))), Map.of());
    assertThat(state(at(2026, 3, 4, 13, 29))).isEqualTo(ScheduleState.BETWEEN);
    assertThat(state(at(2026, 3, 4, 13, 30))).isEqualTo(ScheduleState.BEFORE_SESSION);
    assertThat(state(at(2026, 3, 4, 14, 0))).isEqualTo(ScheduleState.IN_SESSION);
    assertThat(state(at(2026, 3, 4, 14, 49))).isEqualTo(ScheduleState.IN_SESSION);
    assertThat(state(at(2026, 3, 4, 14, 50))).isEqualTo(ScheduleState.DECOMPRESS);
    assertThat(state(at(2026, 3, 4, 16, 19))).isEqualTo(ScheduleState.DECOMPRESS);
    assertThat(state(at(2026, 3, 4, 16, 20))).isEqualTo(ScheduleState.BETWEEN);
    ScheduleStatus decompress = schedules.status("alex", at(2026, 3, 4, 15, 0));
    assertThat(decompress.session().id()).isEqualTo("s1");
    assertThat(decompress.until()).isEqualTo(at(2026, 3, 4, 16, 20));
  }

  @Test
  void weeklySessionsKeepTheirLocalTimeAcrossTheClockChange() {
    // Thursdays 14:00-14:50 Berlin time; the clocks go forward on Sunday 29 March 2026.
    schedules.setEvents(List.of(
        therapy("w1", at(2026, 3, 26, 14, 0), at(2026, 3, 26, 14, 50)),
        therapy("w2", at(2026, 4, 2, 14, 0), at(2026, 4, 2, 14, 50))), Map.of());
    assertThat(at(2026, 3, 26, 14, 0)).isEqualTo(Instant.parse("2026-03-26T13:00:00Z"));
    assertThat(at(2026, 4, 2, 14, 0)).isEqualTo(Instant.parse("2026-04-02T12:00:00Z"));
    assertThat(state(Instant.parse("2026-04-02T12:10:00Z"))).isEqualTo(ScheduleState.IN_SESSION);
    assertThat(state(Instant.parse("2026-04-02T13:10:00Z"))).isEqualTo(ScheduleState.DECOMPRESS);
    assertThat(state(Instant.parse("2026-04-02T14:20:00Z"))).isEqualTo(ScheduleState.BETWEEN);
  }

  @Test
  void busyTimeDefersDecompressUntilItEnds() {
    schedules.setEvents(List.of(
        therapy("s1", at(2026, 3, 4, 14, 0), at(2026, 3, 4, 14, 50)),
        busy("meeting", at(2026, 3, 4, 15, 0), at(2026, 3, 4, 15, 30))), Map.of());
    assertThat(state(at(2026, 3, 4, 15, 10))).isEqualTo(ScheduleState.BUSY);
    assertThat(schedules.status("alex", at(2026, 3, 4, 15, 10)).until()).isEqualTo(at(2026, 3, 4, 15, 30));
    assertThat(state(at(2026, 3, 4, 15, 30))).isEqualTo(ScheduleState.DECOMPRESS);
  }

  @Test
  void untilEndsWhereAnUpcomingBusyEventBegins() {
    schedules.setEvents(List.of(
        therapy("s1", at(2026, 3, 4, 14, 0), at(2026, 3, 4, 14, 50)),
        busy("meeting", at(2026, 3, 4, 15, 30), at(2026, 3, 4, 16, 0)),
        busy("dentist", at(2026, 3, 4, 18, 0), at(2026, 3, 4, 19, 0))), Map.of());

    assertThat(schedules.status("alex", at(2026, 3, 4, 15, 0)).until()).as("decompress, cut short by the meeting")
        .isEqualTo(at(2026, 3, 4, 15, 30));
    assertThat(schedules.status("alex", at(2026, 3, 4, 17, 0)).until()).as("between, until the dentist")
        .isEqualTo(at(2026, 3, 4, 18, 0));
  }

  @Test
  void quietHoursSpanMidnightAndShowInEveryState() {
    assertThat(state(at(2026, 3, 4, 21, 59))).isEqualTo(ScheduleState.BETWEEN);
    assertThat(state(at(2026, 3, 4, 22, 0))).isEqualTo(ScheduleState.QUIET_HOURS);
    assertThat(state(at(2026, 3, 5, 3, 0))).isEqualTo(ScheduleState.QUIET_HOURS);
    assertThat(schedules.status("alex", at(2026, 3, 5, 3, 0)).until()).isEqualTo(at(2026, 3, 5, 7, 0));
    assertThat(state(at(2026, 3, 5, 7, 0))).isEqualTo(ScheduleState.BETWEEN);

    schedules.setEvents(List.of(therapy("late", at(2026, 3, 4, 20, 0), at(2026, 3, 4, 21, 30))), Map.of());
    ScheduleStatus afterLateSession = schedules.status("alex", at(2026, 3, 4, 22, 15));
    assertThat(afterLateSession.state()).isEqualTo(ScheduleState.DECOMPRESS);
    assertThat(afterLateSession.quietHours()).isTrue();
  }

  @Test
  void publishesChangesOnlyAndSessionEventsAtTheEdges() {
    schedules.setEvents(List.of(therapy("s1", at(2026, 3, 4, 14, 0), at(2026, 3, 4, 14, 50))), Map.of("s1", "calendar-ical"));
    assertThat(schedules.evaluate(at(2026, 3, 4, 13, 0)).statuses()).hasSize(1);
    assertThat(schedules.evaluate(at(2026, 3, 4, 13, 5)).statuses()).isEmpty();

    Schedules.Changes start = schedules.evaluate(at(2026, 3, 4, 14, 0, 20));
    assertThat(start.sessions()).containsExactly(new SessionEvent("alex", "s1", SessionEvent.Type.STARTED,
        at(2026, 3, 4, 14, 0), "Therapy with Dr. Lee", "calendar-ical"));
    assertThat(start.statuses()).extracting(ScheduleStatus::state).containsExactly(ScheduleState.IN_SESSION);

    Schedules.Changes end = schedules.evaluate(at(2026, 3, 4, 14, 50, 20));
    assertThat(end.sessions()).extracting(SessionEvent::type, SessionEvent::time)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SessionEvent.Type.ENDED, at(2026, 3, 4, 14, 50)));
    assertThat(end.statuses()).extracting(ScheduleStatus::state).containsExactly(ScheduleState.DECOMPRESS);
  }

  @Test
  void sessionSaidByHandStartsAndEnds() {
    Instant start = at(2026, 3, 4, 10, 0);
    schedules.evaluate(start.minusSeconds(60));
    Schedules.Changes started = schedules.startedByHand("alex", "voice-hermes", start);
    assertThat(started.sessions()).extracting(SessionEvent::type, SessionEvent::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SessionEvent.Type.STARTED, "voice-hermes"));
    assertThat(state(start.plusSeconds(1800))).isEqualTo(ScheduleState.IN_SESSION);

    Schedules.Changes over = schedules.overByHand("alex", "voice-hermes", start.plusSeconds(3000));
    assertThat(over.sessions()).extracting(SessionEvent::type, SessionEvent::time)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SessionEvent.Type.ENDED, start.plusSeconds(3000)));
    assertThat(state(start.plusSeconds(3060))).isEqualTo(ScheduleState.DECOMPRESS);
  }

  @Test
  void sayingTheSessionIsOverEndsTheCalendarSessionEarly() {
    schedules.setEvents(List.of(therapy("s1", at(2026, 3, 4, 14, 0), at(2026, 3, 4, 14, 50))), Map.of());
    schedules.evaluate(at(2026, 3, 4, 14, 10));
    schedules.overByHand("alex", "api", at(2026, 3, 4, 14, 30));
    ScheduleStatus status = schedules.status("alex", at(2026, 3, 4, 14, 31));
    assertThat(status.state()).isEqualTo(ScheduleState.DECOMPRESS);
    assertThat(status.until()).isEqualTo(at(2026, 3, 4, 16, 0));
  }

  @Test
  void backFromTherapyWithNoSessionKnownStartsDecompressNow() {
    Instant now = at(2026, 3, 4, 11, 0);
    Schedules.Changes over = schedules.overByHand("alex", "voice-hermes", now);
    assertThat(over.sessions()).extracting(SessionEvent::type).containsExactly(SessionEvent.Type.ENDED);
    assertThat(over.statuses()).extracting(ScheduleStatus::state).containsExactly(ScheduleState.DECOMPRESS);
  }

  private ScheduleState state(Instant at) {
    return schedules.status("alex", at).state();
  }

  static Instant at(int year, int month, int day, int hour, int minute) {
    return at(year, month, day, hour, minute, 0);
  }

  static Instant at(int year, int month, int day, int hour, int minute, int second) {
    return LocalDateTime.of(year, month, day, hour, minute, second).atZone(BERLIN).toInstant();
  }

  static CalendarEvent therapy(String id, Instant start, Instant end) {
    return new CalendarEvent("alex", id, "Therapy with Dr. Lee", start, end, CalendarEvent.Kind.THERAPY);
  }

  static CalendarEvent busy(String id, Instant start, Instant end) {
    return new CalendarEvent("alex", id, "Team meeting", start, end, CalendarEvent.Kind.BUSY);
  }
}
