package app.tend.plugins.calendar.ical;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.message.CalendarEvent;
import app.tend.testkit.ManualClock;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcalScheduleSourceTest {

  private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-05-01T00:00:00Z");
  private static final BrokerSettings NO_BROKER =
      new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(), Optional.empty(), false);

  @TempDir Path dir;
  private Vertx vertx;
  private TestPluginContext context;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  void readsAFileAndReadsItAgainWhenItChanges() throws Exception {
    Path file = dir.resolve("schedule.ics");
    Files.write(file, fixture());
    IcalScheduleSource source = source(file.toString());
    await(source.start());
    assertThat(await(source.events(FROM, TO))).hasSize(8);

    Files.writeString(file, new String(fixture(), StandardCharsets.UTF_8).replace("COUNT=8", "COUNT=2"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    await(source.pollAll());
    assertThat(await(source.events(FROM, TO))).extracting(CalendarEvent::kind)
        .as("two weekly sessions, the meeting and the moved session")
        .containsExactly(CalendarEvent.Kind.THERAPY, CalendarEvent.Kind.THERAPY, CalendarEvent.Kind.BUSY,
            CalendarEvent.Kind.THERAPY);
    await(source.stop());
  }

  @Test
  void brokenCalendarKeepsTheLastOneRead() throws Exception {
    Path file = dir.resolve("schedule.ics");
    Files.write(file, fixture());
    IcalScheduleSource source = source(file.toString());
    await(source.start());
    Files.writeString(file, "BEGIN:VCALENDAR\nthis is not a calendar\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    await(source.pollAll().recover(e -> Future.succeededFuture()));
    assertThat(await(source.events(FROM, TO))).hasSize(8);
    assertThat(context.registry().counter(Meters.CALENDAR_FETCHES, "result", "failed").count()).isEqualTo(1);
    await(source.stop());
  }

  @Test
  void missingOrBrokenCalendarLeavesTheOtherPersonsCalendarsWorking() throws Exception {
    Path good = dir.resolve("sam.ics");
    Files.write(good, fixture());
    Path broken = dir.resolve("kim.ics");
    Files.writeString(broken, "<html>Please log in</html>");
    IcalScheduleSource source = source(Map.of(
        "alex", new PersonCalendar(dir.resolve("nowhere.ics").toString(), "(?i)therap", "Europe/Berlin"),
        "kim", new PersonCalendar(broken.toString(), "(?i)therap", "Europe/Berlin"),
        "sam", new PersonCalendar(good.toString(), "(?i)therap", "Europe/Berlin")));
    await(source.start());
    assertThat(await(source.events(FROM, TO))).hasSize(8).extracting(CalendarEvent::person).containsOnly("sam");
    assertThat(context.registry().counter(Meters.CALENDAR_FETCHES, "result", "failed").count()).isEqualTo(2);

    Files.write(dir.resolve("nowhere.ics"), fixture());
    await(source.pollAll());
    assertThat(await(source.events(FROM, TO))).as("the missing file, once there, is read at the next poll")
        .extracting(CalendarEvent::person).contains("alex", "sam").doesNotContain("kim");
    await(source.stop());
  }

  @Test
  void fileThatCouldNotBeReadIsReadAgainAtTheNextPoll() throws Exception {
    Path file = dir.resolve("schedule.ics");
    Files.writeString(file, "not a calendar yet");
    IcalScheduleSource source = source(file.toString());
    await(source.start());
    await(source.pollAll());
    assertThat(context.registry().counter(Meters.CALENDAR_FETCHES, "result", "failed").count())
        .as("an unchanged file that failed is not 'unchanged': it is read and fails again").isEqualTo(2);
    assertThat(context.registry().find(Meters.CALENDAR_FETCHES).tag("result", "unchanged").counter()).isNull();
    await(source.stop());
  }

  @Test
  void calendarThatCouldNotBeReadIsDownloadedInFullAgainNotAnsweredNotModified() throws Exception {
    boolean[] portalPage = {true};
    List<String> conditions = new CopyOnWriteArrayList<>();
    HttpServer server = await(vertx.createHttpServer().requestHandler(request -> {
      conditions.add(String.valueOf(request.getHeader("If-None-Match")));
      if ("\"v1\"".equals(request.getHeader("If-None-Match"))) {
        request.response().setStatusCode(304).end();
        return;
      }
      // First a login page (with the ETag of the calendar behind it), then the calendar itself.
      request.response().putHeader("ETag", "\"v1\"")
          .end(portalPage[0] ? "<html>Please log in</html>" : new String(fixtureUnchecked(), StandardCharsets.UTF_8));
      portalPage[0] = false;
    }).listen(0, "127.0.0.1"));
    IcalScheduleSource source = source("http://127.0.0.1:" + server.actualPort() + "/alex.ics");
    await(source.start());
    assertThat(await(source.events(FROM, TO))).isEmpty();

    await(source.pollAll());
    assertThat(await(source.events(FROM, TO))).hasSize(8);
    await(source.pollAll());
    assertThat(conditions).containsExactly("null", "null", "\"v1\"");
    assertThat(context.registry().counter(Meters.CALENDAR_FETCHES, "result", "failed").count()).isEqualTo(1);
    assertThat(context.registry().counter(Meters.CALENDAR_FETCHES, "result", "unchanged").count()).isEqualTo(1);
    await(source.stop());
  }

  @Test
  void skippedEventsAreCounted() throws Exception {
    Path file = dir.resolve("schedule.ics");
    Files.writeString(file, new String(fixture(), StandardCharsets.UTF_8).replace("DTSTART;TZID=Europe/Berlin:20260305T140000",
        "DTSTART;TZID=Europe/Berlin:2026-03-05"));
    IcalScheduleSource source = source(file.toString());
    await(source.start());
    assertThat(context.registry().counter(Meters.CALENDAR_EVENTS_SKIPPED).count()).isEqualTo(1);
    assertThat(await(source.events(FROM, TO))).as("the meeting and the moved session are still there").isNotEmpty();
    await(source.stop());
  }

  @Test
  void pollsAUrlWithEtagAndIfModifiedSince() throws Exception {
    List<String> conditions = new CopyOnWriteArrayList<>();
    String[] version = {"v1"};
    HttpServer server = await(vertx.createHttpServer().requestHandler(request -> {
      conditions.add(request.getHeader("If-None-Match") + " " + request.getHeader("If-Modified-Since"));
      String etag = "\"" + version[0] + "\"";
      if (etag.equals(request.getHeader("If-None-Match"))) {
        request.response().setStatusCode(304).end();
        return;
      }
      String body = new String(fixtureUnchecked(), StandardCharsets.UTF_8);
      request.response()
          .putHeader("ETag", etag)
          .putHeader("Last-Modified", "Wed, 04 Mar 2026 10:00:00 GMT")
          .putHeader("Content-Type", "text/calendar")
          .end(version[0].equals("v1") ? body : body.replace("COUNT=8", "COUNT=1"));
    }).listen(0, "127.0.0.1"));
    IcalScheduleSource source = source("http://127.0.0.1:" + server.actualPort() + "/alex.ics");
    await(source.start());
    assertThat(await(source.events(FROM, TO))).hasSize(8);

    await(source.pollAll());
    assertThat(context.registry().counter(Meters.CALENDAR_FETCHES, "result", "unchanged").count()).isEqualTo(1);

    version[0] = "v2";
    await(source.pollAll());
    assertThat(await(source.events(FROM, TO))).as("one weekly session, the meeting and the moved session").hasSize(3);
    assertThat(conditions).containsExactly(
        "null null",
        "\"v1\" Wed, 04 Mar 2026 10:00:00 GMT",
        "\"v1\" Wed, 04 Mar 2026 10:00:00 GMT");
    await(source.stop());
  }

  @Test
  void unreachableServerDoesNotStopTheStart() throws Exception {
    IcalScheduleSource source = source("http://127.0.0.1:1/alex.ics");
    await(source.start());
    assertThat(await(source.events(FROM, TO))).isEmpty();
    assertThat(context.registry().counter(Meters.CALENDAR_FETCHES, "result", "failed").count()).isEqualTo(1);
    await(source.stop());
  }

  private IcalScheduleSource source(String where) {
    return source(Map.of("alex", new PersonCalendar(where, "(?i)therap", "Europe/Berlin")));
  }

  private IcalScheduleSource source(Map<String, PersonCalendar> calendars) {
    CalendarIcalConfig config = new CalendarIcalConfig(15, new java.util.TreeMap<>(calendars));
    context = new TestPluginContext("calendar-ical", vertx, config, new ManualClock(FROM), dir, NO_BROKER);
    return new IcalScheduleSource(context);
  }

  private static byte[] fixture() throws Exception {
    try (InputStream in = IcalScheduleSourceTest.class.getResourceAsStream("weekly-dst.ics")) {
      return in.readAllBytes();
    }
  }

  private static byte[] fixtureUnchecked() {
    try {
      return fixture();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
