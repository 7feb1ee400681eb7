package app.tend.hub.recording;

import app.tend.api.message.SignalKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a recording ({@code ../shared/docs/recording-format.md}), CSV or {@code .csv.gz}, row by row
 * into a {@link RowHandler}: no row objects, one String per line. Unknown kinds are skipped with one
 * warning per kind and file; a bad row is a {@link RecordingException} naming the file and line.
 */
public final class RecordingReader {

  /** The header every recording starts with. */
  public static final String HEADER = "t_ms,person,kind,value,label";

  /** How far a person's kind may go back in time before the file is refused, in milliseconds. */
  public static final long MAX_BACKWARDS_MS = 5_000;

  private static final Logger log = LoggerFactory.getLogger(RecordingReader.class);
  private static final Pattern PERSON = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final SignalKind[] KINDS = SignalKind.values();

  private RecordingReader() {}

  /** The recordings in {@code folder} ({@code *.csv} and {@code *.csv.gz}), sorted by name. */
  public static List<Path> list(Path folder) throws IOException {
    if (Files.isRegularFile(folder)) {
      return List.of(folder);
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> isRecording(p.getFileName().toString())).sorted().toList();
    }
  }

  private static boolean isRecording(String name) {
    return name.endsWith(".csv") || name.endsWith(".csv.gz");
  }

  /**
   * Reads the whole file into {@code handler}.
   *
   * @throws RecordingException when the file cannot be read or a row is wrong
   */
  public static void read(Path file, RowHandler handler) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      new Parser(file, handler).parse(reader);
    } catch (IOException e) {
      throw new RecordingException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** One pass over one file; keeps the last time per person and kind for the backwards check. */
  private static final class Parser {
    private final Path file;
    private final RowHandler handler;
    private final Map<String, long[]> lastTimes = new HashMap<>();
    private final List<String> warnedKinds = new ArrayList<>();
    private String lastPerson;
    private long[] lastPersonTimes;
    private long line;

    Parser(Path file, RowHandler handler) {
      this.file = file;
      this.handler = handler;
    }

    void parse(BufferedReader reader) throws IOException {
      String header = reader.readLine();
      line = 1;
      if (header == null) {
        throw new RecordingException(file, 1, "empty file, expected the header '" + HEADER + "'");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      if (!header.strip().equals(HEADER)) {
        throw new RecordingException(file, 1, "expected the header '" + HEADER + "', got '" + header + "'");
      }
      String text;
      while ((text = reader.readLine()) != null) {
        line++;
        if (!text.isEmpty()) {
          row(text);
        }
      }
    }

    private void row(String text) {
      int c1 = text.indexOf(',');
      int c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
      int c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1);
      int c4 = c3 < 0 ? -1 : text.indexOf(',', c3 + 1);
      if (c4 < 0 || text.indexOf(',', c4 + 1) >= 0) {
        throw fail("expected 5 columns (" + HEADER + "), got '" + text + "'");
      }
      long time = parseTime(text, c1);
      String person = person(text, c1 + 1, c2);
      SignalKind kind = kind(text, c2 + 1, c3);
      double value = value(text, c3 + 1, c4);
      Label label = Label.parse(text.substring(c4 + 1).strip());
      if (label == null) {
        throw fail("label must be rest, stress, activity or empty, got '" + text.substring(c4 + 1) + "'");
      }
      if (kind == null) {
        return;
      }
      long[] times = timesOf(person);
      long previous = times[kind.ordinal()];
      if (previous != Long.MIN_VALUE && time < previous - MAX_BACKWARDS_MS) {
        throw fail("time goes backwards by " + (previous - time) + " ms for " + person + " "
            + kind.wireName() + " (at most " + MAX_BACKWARDS_MS + " ms allowed)");
      }
      times[kind.ordinal()] = Math.max(previous, time);
      handler.row(time, person, kind, value, label);
    }

    private long parseTime(String text, int end) {
      long time = 0;
      if (end <= 0 || end > 18) {
        throw fail("t_ms must be a whole number of milliseconds, got '" + text.substring(0, Math.max(end, 0)) + "'");
      }
      for (int i = 0; i < end; i++) {
        char ch = text.charAt(i);
        if (ch < '0' || ch > '9') {
          throw fail("t_ms must be a whole number of milliseconds, got '" + text.substring(0, end) + "'");
        }
        time = time * 10 + (ch - '0');
      }
      return time;
    }

    private String person(String text, int from, int to) {
      if (lastPerson != null && lastPerson.length() == to - from && text.startsWith(lastPerson, from)) {
        return lastPerson;
      }
      String person = text.substring(from, to);
      if (!PERSON.matcher(person).matches()) {
        throw fail("person must match [a-z0-9_-]{1,64}, got '" + person + "'");
      }
      lastPerson = person;
      lastPersonTimes = null;
      return person;
    }

    private long[] timesOf(String person) {
      if (lastPersonTimes == null) {
        lastPersonTimes = lastTimes.computeIfAbsent(person, p -> {
          long[] times = new long[KINDS.length];
          java.util.Arrays.fill(times, Long.MIN_VALUE);
          return times;
        });
      }
      return lastPersonTimes;
    }

    private SignalKind kind(String text, int from, int to) {
      for (SignalKind kind : KINDS) {
        String name = kind.wireName();
        if (name.length() == to - from && text.startsWith(name, from)) {
          return kind;
        }
      }
      String unknown = text.substring(from, to);
      if (!warnedKinds.contains(unknown)) {
        warnedKinds.add(unknown);
        log.warn("{}:{}: unknown kind '{}' skipped (warned once per file)", file, line, unknown);
      }
      return null;
    }

    private double value(String text, int from, int to) {
      String number = text.substring(from, to);
      // parseDouble also takes "NaN", "Infinity", "1d" and hex; the format allows plain decimals only.
      boolean plain = !number.isEmpty() && Character.isDigit(number.charAt(number.length() - 1))
          && number.indexOf('x') < 0 && number.indexOf('X') < 0;
      if (plain) {
        try {
          return Double.parseDouble(number);
        } catch (NumberFormatException e) {
          throw fail("value must be a number, got '" + number + "'");
        }
      }
      throw fail("value must be a number, got '" + number + "'");
    }

    private RecordingException fail(String problem) {
      return new RecordingException(file, line, problem);
    }
  }
}
