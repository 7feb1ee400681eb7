package app.tend.plugins.calendar.ical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public real-world calendar expanded by this plugin and, independently, by python icalendar with
 * recurring-ical-events (Debian's {@code python3-recurring-ical-events}, which {@code .ci/install-test-deps}
 * installs): the occurrences must be the same, start and end, to the second. {@code pacific_fiji} is left out:
 * it has two DTSTARTs, which the reference cannot read. The written {@code patterns/} are left out too: there
 * the reference reads RFC 5545 literally where the clients mean otherwise (THISANDFUTURE, Google's moved
 * occurrences), or fails (mixed weeks and days, RDATE periods with a TZID).
 */
class ReferenceExpanderTest {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String FROM = "1990-01-01T00:00:00Z";
  private static final String TO = "2030-01-01T00:00:00Z";

  @ParameterizedTest
  @ValueSource(strings = {
      "ical4j-Standup.ics", "ical4j-apple-iphone-os-26-structured-location.ics", "ical4j-dst-only-vtimezone.ics",
      "ical4j-test-relaxed-parsing.ics", "icalendar-issue_112_missing_tzinfo_on_exdate.ics",
      "icalendar-issue_53_parsing_failure.ics", "icalendar-recurrence.ics", "icalendar-timezone_rdate.ics",
      "icalendar-timezone_same_start.ics", "icalendar-timezone_same_start_and_offset.ics", "icalendar-x_location.ics"})
  void sameOccurrencesAsRecurringIcalEvents(String name) throws Exception {
    List<String> ours = Fixtures.between(Fixtures.read("real/" + name, "UTC"), FROM, TO).stream()
        .map(e -> e.start() + " " + e.end()).sorted().toList();
    List<String> reference = reference(resource("real/" + name));
    assertThat(ours).isNotEmpty().isEqualTo(reference);
  }

  private static List<String> reference(Path calendar) throws IOException, InterruptedException, URISyntaxException {
    assertThat(PYTHON).as("Debian's python3 with python3-recurring-ical-events (.ci/install-test-deps installs it)").isExecutable();
    Process process = new ProcessBuilder(PYTHON.toString(), resource("reference/expand.py").toString(), calendar.toString(),
        FROM, TO, "UTC").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("reference expander: " + output).isZero();
    return output.lines().filter(line -> !line.isBlank()).sorted().toList();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ReferenceExpanderTest.class.getResource(name).toURI());
  }

}
