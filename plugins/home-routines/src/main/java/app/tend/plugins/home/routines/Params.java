package app.tend.plugins.home.routines;

import app.tend.api.message.RoutineAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An action's parameters, checked against what its target takes; a bad one is a {@link BadParam}
 * naming it, which the target turns into a failed outcome (the routine's other actions still run).
 */
final class Params {

  /** A parameter that is missing, unknown or malformed. */
  static final class BadParam extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadParam(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  /** The action's parameters; fails on one the target does not take. */
  static Params of(RoutineAction action, List<String> known) {
    Set<String> allowed = Set.copyOf(known);
    for (String name : action.params().keySet()) {
      if (!allowed.contains(name)) {
        throw new BadParam("params." + name + " is not a parameter of the " + action.target() + " target (it takes "
            + String.join(", ", known) + ")");
      }
    }
    return new Params(action.params());
  }

  /** A parameter that must be there and match the pattern. */
  String required(String name, Pattern pattern, String expected) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new BadParam("params." + name + " is missing: expected " + expected);
    }
    return check(name, value, pattern, expected);
  }

  /** A parameter that may be left out. */
  Optional<String> optional(String name, Pattern pattern, String expected) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(check(name, value, pattern, expected));
  }

  private static String check(String name, String value, Pattern pattern, String expected) {
    if (!pattern.matcher(value).matches()) {
      throw new BadParam("params." + name + ": '" + value + "' is not valid: expected " + expected);
    }
    return value;
  }
}
