package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.hub.cli.TendCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The calendar command reads a file and a URL through the built calendar-ical jar, as the hub would. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CalendarCommandTest {

  private static final Path PATTERNS =
      HubProcess.ROOT.resolve("plugins/calendar-ical/src/test/resources/app/tend/plugins/calendar/ical/patterns");

  @TempDir
  Path temp;

  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureLogs() {
    originalErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  @Test
  void fileGivesItsSessionsAsJsonAndNamesTheEventItSkipped() throws Exception {
    String good = Files.readString(PATTERNS.resolve("nextcloud-sabredav.ics"));
    Path file = temp.resolve("alex.ics");
    Files.writeString(file, good.replace("END:VCALENDAR", "BEGIN:VEVENT\nUID:broken-1\nDTSTART:2026-03-05T10:00\nEND:VEVENT\nEND:VCALENDAR"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = run(out, err, "calendar", file.toString(), "--from", "2026-03-01", "--to", "2026-03-12", "--zone", "Europe/Berlin",
        "--json", "--plugin", pluginJar().toString());

    assertThat(code).as(err + logs.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    List<String> events = new ArrayList<>();
    result.get("events").forEach(e -> events.add(e.get("kind").asText() + " " + e.get("localStart").asText() + " " + e.get("summary").asText()));
    assertThat(events).containsExactly(
        "THERAPY 2026-03-02T17:00+01:00 Therapie",
        "BUSY 2026-03-04T08:30+01:00 Zahnarzt",
        "THERAPY 2026-03-09T17:00+01:00 Therapie");
    int line = good.split("\n", -1).length + 1;
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("line " + line + ", event broken-1: skipped: DTSTART '2026-03-05T10:00'");
  }

  @Test
  void urlGivesTheTableInTheZoneAsked() throws Exception {
    byte[] body = Files.readAllBytes(PATTERNS.resolve("windows-live-pacific.ics"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/sam.ics", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/calendar");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = run(out, err, "calendar", "http://127.0.0.1:" + server.getAddress().getPort() + "/sam.ics",
          "--from", "2027-03-12", "--to", "2027-03-16", "--zone", "America/Los_Angeles", "--plugin", pluginJar().toString());

      assertThat(code).as(err + logs.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString()).contains(
          "Fri 2027-03-12 15:00  15:50             session  Therapy group",
          "Mon 2027-03-15 15:00  15:50             session  Therapy group",
          "2 sessions, 0 busy times");
    } finally {
      server.stop(0);
    }
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new TendCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private static Path pluginJar() throws Exception {
    try (Stream<Path> files = Files.list(HubProcess.ROOT.resolve("plugins/calendar-ical/target"))) {
      return files.filter(p -> p.getFileName().toString().matches("calendar-ical-.*\\.jar")).findFirst().orElseThrow();
    }
  }
}
