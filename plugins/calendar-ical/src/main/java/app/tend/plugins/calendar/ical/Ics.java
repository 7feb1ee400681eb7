package app.tend.plugins.calendar.ical;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The content lines and components of an iCalendar text (RFC 5545 section 3.1), read the way the big clients
 * write them rather than the way the RFC says they should: lines end in CRLF, LF or CR; blank lines are skipped;
 * a continuation starts with a space or a tab, or (Exchange, Outlook) is simply a line that cannot start a
 * property; every line keeps its number. Parameters and values are parsed only for the properties asked for,
 * so a malformed property nobody uses (an iPhone's {@code X-APPLE-STRUCTURED-LOCATION}, a Nextcloud alarm's
 * {@code TRIGGER}) cannot stop anything.
 */
final class Ics {

  /** A line that starts like a property, or like a malformed one ({@code SUMMARY=x}): never a continuation. */
  private static final Pattern STARTS_A_PROPERTY = Pattern.compile("^[A-Za-z0-9-]+[;:=]");
  private static final Pattern BEGIN_OR_END = Pattern.compile("^(?i)(BEGIN|END):");

  private Ics() {}

  /** A content line that does not follow the syntax; the message says what was wrong. */
  static final class FormatException extends IllegalArgumentException {
    FormatException(String message) {
      super(message);
    }
  }

  /** One unfolded content line: its name, and its parameters and value parsed when first asked for. */
  static final class Line {
    final int number;
    final String name;
    private final String text;
    private Map<String, List<String>> parameters;
    private String value;

    Line(int number, String text) {
      this.number = number;
      this.text = text;
      int end = 0;
      while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) != ':') {
        end++;
      }
      this.name = text.substring(0, end).trim().toUpperCase(Locale.ROOT);
    }

    /** The value as written (not unescaped). */
    String value() {
      parse();
      return value;
    }

    /**
     * A parameter's value without quotes; a list is given as written, so an unquoted
     * {@code TZID=Kuala Lumpur, Singapore} stays one name.
     */
    Optional<String> parameter(String parameterName) {
      parse();
      List<String> values = parameters.get(parameterName);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values).trim());
    }

    private void parse() {
      if (value != null) {
        return;
      }
      Map<String, List<String>> found = new LinkedHashMap<>();
      int at = name.length();
      while (at < text.length() && text.charAt(at) == ';') {
        int start = ++at;
        while (at < text.length() && "=;:".indexOf(text.charAt(at)) < 0) {
          at++;
        }
        if (at >= text.length() || text.charAt(at) != '=') {
          continue; // a parameter without a value (as in the iPhone's escaped ';'): ignored
        }
        String parameterName = text.substring(start, at).trim().toUpperCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        do {
          at++;
          if (at < text.length() && text.charAt(at) == '"') {
            int close = text.indexOf('"', at + 1);
            if (close < 0) {
              throw new FormatException(name + ": parameter " + parameterName + " has no closing quote");
            }
            values.add(text.substring(at + 1, close));
            at = close + 1;
          } else {
            int from = at;
            while (at < text.length() && ",;:".indexOf(text.charAt(at)) < 0) {
              at++;
            }
            values.add(text.substring(from, at));
          }
        } while (at < text.length() && text.charAt(at) == ',');
        found.put(parameterName, values);
      }
      if (at >= text.length() || text.charAt(at) != ':') {
        throw new FormatException(name + " has no ':' before its value");
      }
      parameters = found;
      value = text.substring(at + 1);
    }
  }

  /** A component ({@code BEGIN:NAME} to {@code END:NAME}) with its properties and sub-components. */
  static final class Component {
    final String name;
    final int line;
    final List<Line> properties = new ArrayList<>();
    final List<Component> children = new ArrayList<>();

    Component(String name, int line) {
      this.name = name;
      this.line = line;
    }

    Optional<Line> property(String propertyName) {
      return properties.stream().filter(p -> p.name.equals(propertyName)).findFirst();
    }

    List<Line> all(String propertyName) {
      return properties.stream().filter(p -> p.name.equals(propertyName)).toList();
    }

    List<Component> children(String componentName) {
      return children.stream().filter(c -> c.name.equals(componentName)).toList();
    }
  }

  /** What {@link #parse} found: the calendars, and what it had to skip. */
  record Parsed(List<Component> calendars, List<String> problems) {}

  /**
   * The {@code VCALENDAR} components of a text; a file may hold several. An {@code END} that closes nothing
   * open is skipped, and one that closes a component further out also closes those inside it.
   *
   * @throws FormatException when the text is cut short: it ends inside an event, or without closing its
   *     calendar (unless its last line is a mistyped {@code END}), so a half-written file never replaces a
   *     whole one
   */
  static Parsed parse(String text) {
    List<String> problems = new ArrayList<>();
    List<Component> calendars = new ArrayList<>();
    Deque<Component> open = new ArrayDeque<>();
    boolean endedWithEnd = false;
    for (Line line : unfold(text)) {
      endedWithEnd = line.name.equals("END");
      if (line.name.equals("BEGIN") || line.name.equals("END")) {
        String component = line.text.substring(line.text.indexOf(':') + 1).trim().toUpperCase(Locale.ROOT);
        if (line.text.indexOf(':') < 0 || component.isEmpty()) {
          problems.add("line " + line.number + ": " + line.name + " without a component name, skipped");
        } else if (line.name.equals("BEGIN")) {
          Component child = new Component(component, line.number);
          if (open.isEmpty()) {
            if (component.equals("VCALENDAR")) {
              calendars.add(child);
            }
          } else {
            open.peek().children.add(child);
          }
          open.push(child);
        } else if (open.stream().anyMatch(c -> c.name.equals(component))) {
          while (!open.pop().name.equals(component)) {
            // closes what an exporter forgot to close
          }
        } else if (!open.isEmpty()) {
          problems.add("line " + line.number + ": END:" + component + " closes nothing open, skipped");
        }
      } else if (!open.isEmpty()) {
        open.peek().properties.add(line);
      }
    }
    for (Component unclosed : open) {
      if (unclosed.name.equals("VEVENT")) {
        throw new FormatException("cut short: the event that begins at line " + unclosed.line + " never ends");
      }
    }
    if (!open.isEmpty() && !endedWithEnd) {
      throw new FormatException("cut short: no END:" + open.getLast().name);
    }
    return new Parsed(calendars, problems);
  }

  private static List<Line> unfold(String text) {
    List<Line> lines = new ArrayList<>();
    String[] physical = text.split("\r\n|\n|\r", -1);
    StringBuilder current = null;
    int currentNumber = 0;
    for (int i = 0; i < physical.length; i++) {
      String line = physical[i];
      if (line.isBlank()) {
        continue;
      }
      boolean folded = line.charAt(0) == ' ' || line.charAt(0) == '\t';
      if (current != null && (folded || !STARTS_A_PROPERTY.matcher(line).find() && !BEGIN_OR_END.matcher(current).find())) {
        current.append(folded ? line.substring(1) : line);
        continue;
      }
      if (current != null) {
        lines.add(new Line(currentNumber, current.toString()));
      }
      current = new StringBuilder(folded ? line.substring(1) : line);
      currentNumber = i + 1;
    }
    if (current != null) {
      lines.add(new Line(currentNumber, current.toString()));
    }
    return lines;
  }

  /** A TEXT value with its escapes ({@code \\ \; \, \n}) resolved. */
  static String unescape(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' || next == 'N' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The items of a list value (CATEGORIES, EXDATE), split at commas that are not escaped. */
  static List<String> split(String value) {
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        item.append(c).append(value.charAt(++i));
      } else if (c == ',') {
        items.add(item.toString().trim());
        item.setLength(0);
      } else {
        item.append(c);
      }
    }
    items.add(item.toString().trim());
    return items.stream().filter(s -> !s.isEmpty()).toList();
  }
}
