package app.tend.hub.cli;

import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.ScheduleSource;
import app.tend.api.message.CalendarEvent;
import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.ConfigException;
import app.tend.hub.json.Json;
import app.tend.hub.plugin.PluginInfo;
import app.tend.hub.plugin.PluginRuntime;
import app.tend.hub.plugin.PluginState;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints the sessions and busy times Tend takes from one calendar, read by the calendar-ical plugin itself (the
 * same jar, settings and code the hub runs), for "my session didn't show up".
 */
@Command(name = "calendar", mixinStandardHelpOptions = true,
    description = {
        "Read one calendar (.ics file or http(s) URL) with the calendar-ical plugin, as the hub does, and print the",
        "therapy sessions and busy times Tend takes from it in a window. Events the plugin had to skip, and why",
        "(line and UID), are printed to standard error. All-day and free (TRANSP:TRANSPARENT) events are not taken."})
public final class CalendarCommand implements Callable<Integer> {

  static final String PLUGIN = "calendar-ical";
  private static final String PERSON = "cli";
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final long TIMEOUT_SECONDS = 60;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|URL", description = "The calendar: an .ics file or an http(s):// URL.")
  String source;

  @Option(names = "--from", paramLabel = "WHEN",
      description = "Start of the window: a date (2026-03-01, midnight in --zone), a local time (2026-03-01T09:00)"
          + " or an instant (2026-03-01T08:00:00Z). Default: today.")
  String from;

  @Option(names = "--to", paramLabel = "WHEN", description = "End of the window, as --from. Default: 14 days after --from.")
  String to;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "The time zone to print in and to read floating times (no TZID) in, like the person's zone."
          + " Default: this machine's.")
  String zone;

  @Option(names = "--sessions", paramLabel = "REGEX",
      description = "The person's sessionPattern: events whose summary or a category matches are sessions."
          + " Default: the plugin's, (?i)therap.")
  String sessions;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--plugin", paramLabel = "JAR",
      description = "The calendar-ical plugin jar (default: in $TEND_PLUGIN_FOLDER or plugins/:"
          + " calendar-ical/target/calendar-ical-*.jar, else calendar-ical-*.jar).")
  Path plugin;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ZoneId zoneId;
    Instant start;
    Instant end;
    try {
      zoneId = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
      start = from == null ? LocalDate.now(zoneId).atStartOfDay(zoneId).toInstant() : when(from, zoneId, "--from");
      end = to == null ? start.atZone(zoneId).plusDays(14).toInstant() : when(to, zoneId, "--to");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("--to (" + end + ") must be after --from (" + start + ")");
      }
      if (sessions != null) {
        Pattern.compile(sessions);
      }
    } catch (DateTimeException e) {
      return bad(err, "--zone '" + zone + "' is not a time zone id like Europe/Berlin");
    } catch (PatternSyntaxException e) {
      return bad(err, "--sessions is not a regular expression: " + e.getDescription());
    } catch (IllegalArgumentException e) {
      return bad(err, e.getMessage());
    }
    boolean url = source.matches("(?i)https?://.*");
    if (!url && !Files.isRegularFile(Path.of(source))) {
      return bad(err, source + " is not a file (or an http(s):// URL)");
    }
    Optional<Path> jar = plugin != null ? Optional.of(plugin) : findPlugin();
    if (jar.isEmpty() || !Files.isRegularFile(jar.get())) {
      return bad(err, "no calendar-ical plugin jar " + (plugin != null ? "at " + plugin
          : "in " + pluginFolder() + " (build it with 'mvn -B -DskipTests package', or pass --plugin JAR)"));
    }
    Runnable restoreLogs = warningsToStandardError();
    Path folder = Files.createTempDirectory("tend-calendar");
    Vertx vertx = Vertx.vertx();
    try {
      return show(vertx, folder, jar.get(), zoneId, start, end);
    } catch (ConfigException e) {
      return bad(err, e.getMessage());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      delete(folder);
      restoreLogs.run();
    }
  }

  private int show(Vertx vertx, Path folder, Path jar, ZoneId zoneId, Instant start, Instant end) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PluginRuntime runtime = new PluginRuntime(vertx, registry, new PluginRuntime.Settings(plugins, folder.resolve("data"),
        Map.of(PLUGIN, section(zoneId)), new ConfigBinder(Map.of()), Clock.systemUTC(),
        new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(), Optional.empty(), false), Hub.VERSION));
    runtime.load();
    await(runtime.startAll());
    try {
      Optional<PluginInfo> info = runtime.plugin(PLUGIN);
      List<ScheduleSource> calendars = runtime.extensions(ScheduleSource.class);
      if (info.isEmpty() || info.get().state() != PluginState.STARTED || calendars.isEmpty()) {
        err.println("tend: calendar: the calendar-ical plugin in " + jar + " did not start"
            + info.map(i -> ": " + i.cause()).orElse(""));
        return 1;
      }
      ScheduleSource calendar = calendars.get(0);
      Counter failed = registry.find(Meters.CALENDAR_FETCHES).tag("result", "failed").counter();
      if (failed != null && failed.count() > 0) {
        err.println("tend: calendar: " + source + " could not be read (the reason is above)");
        return 1;
      }
      List<CalendarEvent> events = new ArrayList<>(await(runtime.call(calendar, () -> calendar.events(start, end))));
      events.sort(Comparator.comparing(CalendarEvent::start).thenComparing(CalendarEvent::id));
      if (json) {
        out.println(Json.MAPPER.writeValueAsString(asJson(events, zoneId, start, end)));
      } else {
        printTable(out, events, zoneId, start, end);
      }
      out.flush();
      return 0;
    } finally {
      await(runtime.stopAll());
    }
  }

  private JsonNode section(ZoneId zoneId) {
    ObjectNode calendar = JsonNodeFactory.instance.objectNode().put("source", source).put("zone", zoneId.getId());
    if (sessions != null) {
      calendar.put("sessionPattern", sessions);
    }
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.putObject("calendars").set(PERSON, calendar);
    return section;
  }

  private void printTable(PrintWriter out, List<CalendarEvent> events, ZoneId zoneId, Instant start, Instant end) {
    out.printf(Locale.ROOT, "%s, %s to %s (%s)%n", source, DAY_TIME.format(start.atZone(zoneId)),
        DAY_TIME.format(end.atZone(zoneId)), zoneId);
    if (events.isEmpty()) {
      out.println("no sessions or busy times in this window");
      return;
    }
    out.printf(Locale.ROOT, "%-20s  %-16s  %-7s  %s%n", "start", "end", "kind", "summary (id)");
    for (CalendarEvent event : events) {
      ZonedDateTime localStart = event.start().atZone(zoneId);
      ZonedDateTime localEnd = event.end().atZone(zoneId);
      String endText = localEnd.toLocalDate().equals(localStart.toLocalDate())
          ? TIME.format(localEnd) : DAY_TIME.format(localEnd);
      out.printf(Locale.ROOT, "%-20s  %-16s  %-7s  %s (%s)%n", DAY_TIME.format(localStart), endText,
          event.kind() == CalendarEvent.Kind.THERAPY ? "session" : "busy", event.summary(), event.id());
    }
    long sessionCount = events.stream().filter(e -> e.kind() == CalendarEvent.Kind.THERAPY).count();
    out.printf(Locale.ROOT, "%d session%s, %d busy time%s%n", sessionCount, sessionCount == 1 ? "" : "s",
        events.size() - sessionCount, events.size() - sessionCount == 1 ? "" : "s");
  }

  private ObjectNode asJson(List<CalendarEvent> events, ZoneId zoneId, Instant start, Instant end) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("source", source).put("zone", zoneId.getId()).put("from", start.toString()).put("to", end.toString());
    ArrayNode list = root.putArray("events");
    for (CalendarEvent event : events) {
      list.addObject()
          .put("kind", event.kind().name())
          .put("summary", event.summary())
          .put("start", event.start().toString())
          .put("end", event.end().toString())
          .put("localStart", event.start().atZone(zoneId).toOffsetDateTime().toString())
          .put("localEnd", event.end().atZone(zoneId).toOffsetDateTime().toString())
          .put("id", event.id());
    }
    return root;
  }

  /** A date (midnight in the zone), a local date-time (in the zone), or an instant or offset date-time. */
  static Instant when(String text, ZoneId zoneId, String option) {
    String value = text.trim();
    try {
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value).atStartOfDay(zoneId).toInstant();
      }
      if (value.matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+")) {
        return LocalDateTime.parse(value).atZone(zoneId).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not a date (2026-03-01), a local time (2026-03-01T09:00)"
          + " or an instant (2026-03-01T08:00:00Z)");
    }
  }

  private static int bad(PrintWriter err, String problem) {
    err.println("tend: calendar: " + problem);
    err.flush();
    return TendCommand.BAD_INPUT;
  }

  private static Path pluginFolder() {
    String configured = System.getenv("TEND_PLUGIN_FOLDER");
    return Path.of(configured == null || configured.isBlank() ? "plugins" : configured);
  }

  private static Optional<Path> findPlugin() throws IOException {
    Path folder = pluginFolder();
    for (Path candidates : List.of(folder.resolve(PLUGIN).resolve("target"), folder)) {
      if (Files.isDirectory(candidates)) {
        try (Stream<Path> files = Files.list(candidates)) {
          Optional<Path> jar = files.filter(p -> p.getFileName().toString().matches("calendar-ical-.*\\.jar")).findFirst();
          if (jar.isPresent()) {
            return jar;
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Sends warnings, and only warnings and errors, to standard error while the command runs: the plugin says there
   * which events it skipped and why, and standard output stays the table or the JSON alone.
   */
  private static Runnable warningsToStandardError() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return () -> {};
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      appenders.add(it.next());
    }
    appenders.forEach(root::detachAppender);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    root.addAppender(stderr);
    root.setLevel(Level.WARN);
    return () -> {
      root.detachAppender(stderr);
      stderr.stop();
      appenders.forEach(root::addAppender);
      root.setLevel(level);
    };
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
