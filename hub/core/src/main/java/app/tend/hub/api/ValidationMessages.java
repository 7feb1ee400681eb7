package app.tend.hub.api;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the contract validator's complaints into messages that name the bad field. Its messages about
 * parameters already do; about a JSON body it says only "the request body is invalid" and the first
 * error, which is often the vaguest, so the most specific one is picked and the field named.
 */
final class ValidationMessages {

  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
  private static final List<String> VAGUE = List.of("#/properties", "#/additionalProperties");

  private ValidationMessages() {}

  static String of(ValidatorException invalid) {
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null
        && invalid.getMessage().startsWith("The value of the request body")) {
      return body(schema.getOutputUnit()).orElse(invalid.getMessage());
    }
    return invalid.getMessage();
  }

  private static Optional<String> body(OutputUnit unit) {
    List<OutputUnit> errors = new ArrayList<>();
    collect(unit, errors);
    Optional<OutputUnit> specific = errors.stream()
        .filter(e -> e.getError() != null && e.getKeywordLocation() != null && !VAGUE.contains(e.getKeywordLocation()))
        .max(Comparator.comparingInt(e -> e.getKeywordLocation().length()));
    if (specific.isPresent()) {
      OutputUnit e = specific.get();
      Matcher required = REQUIRED.matcher(e.getError());
      if (required.find()) {
        return Optional.of("body field " + field(e.getInstanceLocation(), required.group(1)) + " is required");
      }
      return Optional.of("body field " + field(e.getInstanceLocation(), null) + ": " + e.getError());
    }
    return errors.stream()
        .filter(e -> "#/additionalProperties".equals(e.getKeywordLocation()))
        .findFirst()
        .map(e -> "body field " + field(e.getInstanceLocation(), null) + " is not one this request takes");
  }

  private static void collect(OutputUnit unit, List<OutputUnit> into) {
    into.add(unit);
    if (unit.getErrors() != null) {
      unit.getErrors().forEach(e -> collect(e, into));
    }
  }

  /** {@code #/a/b} and child {@code c} as {@code a.b.c}; the body itself as {@code (body)}. */
  private static String field(String instanceLocation, String child) {
    String path = instanceLocation == null ? "" : instanceLocation.replaceFirst("^#/?", "").replace('/', '.');
    if (child != null) {
      path = path.isEmpty() ? child : path + "." + child;
    }
    return path.isEmpty() ? "(body)" : path;
  }
}
