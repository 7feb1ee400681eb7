package app.tend.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the calendar command refuses before it loads the plugin; the full run is in e2e's CalendarCommandTest. */
class CalendarCommandTest {

  @TempDir
  Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new TendCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void badWindowZoneOrPatternIsRefusedNamingTheOption() throws Exception {
    Path file = Files.writeString(folder.resolve("a.ics"), "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
    assertThat(run("calendar", file.toString(), "--from", "next tuesday")).isEqualTo(2);
    assertThat(run("calendar", file.toString(), "--from", "2026-03-10", "--to", "2026-03-01", "--zone", "UTC")).isEqualTo(2);
    assertThat(run("calendar", file.toString(), "--zone", "Mars/Olympus")).isEqualTo(2);
    assertThat(run("calendar", file.toString(), "--sessions", "(therapy")).isEqualTo(2);
    assertThat(err.toString()).contains(
        "tend: calendar: --from 'next tuesday' is not a date (2026-03-01), a local time (2026-03-01T09:00) or an instant",
        "tend: calendar: --to (2026-03-01T00:00:00Z) must be after --from (2026-03-10T00:00:00Z)",
        "tend: calendar: --zone 'Mars/Olympus' is not a time zone id like Europe/Berlin",
        "tend: calendar: --sessions is not a regular expression: Unclosed group");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void missingFileOrPluginJarIsNamed() throws Exception {
    assertThat(run("calendar", folder.resolve("nowhere.ics").toString())).isEqualTo(2);
    Path file = Files.writeString(folder.resolve("a.ics"), "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
    assertThat(run("calendar", file.toString(), "--plugin", folder.resolve("no.jar").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nowhere.ics is not a file (or an http(s):// URL)",
        "no calendar-ical plugin jar at " + folder.resolve("no.jar"));
  }

  @Test
  void windowBoundsAreDatesLocalTimesOrInstants() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(CalendarCommand.when("2026-03-01", berlin, "--from")).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
    assertThat(CalendarCommand.when("2026-07-01T09:30", berlin, "--from")).isEqualTo(Instant.parse("2026-07-01T07:30:00Z"));
    assertThat(CalendarCommand.when("2026-07-01T09:30:00Z", berlin, "--from")).isEqualTo(Instant.parse("2026-07-01T09:30:00Z"));
    assertThat(CalendarCommand.when("2026-07-01T09:30+02:00", berlin, "--to")).isEqualTo(Instant.parse("2026-07-01T07:30:00Z"));
    assertThatThrownBy(() -> CalendarCommand.when("2026-13-01", berlin, "--to")).hasMessageStartingWith("--to '2026-13-01'");
  }
}
