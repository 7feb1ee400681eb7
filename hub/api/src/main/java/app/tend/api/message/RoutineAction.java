package app.tend.api.message;

import java.util.Map;

/**
 * One action of a home routine, handed to the {@link app.tend.api.RoutineTarget} of its type.
 *
 * @param routine the id of the routine it belongs to
 * @param target the target type, e.g. {@code mqtt} or {@code home-assistant}
 * @param params the action's parameters as configured (topic and payload, service and entity, ...)
 * @param timeoutSeconds how long the target may take before the action counts as failed
 */
public record RoutineAction(String routine, String target, Map<String, String> params, int timeoutSeconds) {

  /** Checks every component and copies the parameters. */
  public RoutineAction {
    Checks.notBlank(routine, "routine");
    Checks.notBlank(target, "target");
    params = params == null ? Map.of() : Map.copyOf(params);
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("timeoutSeconds must be at least 1, got " + timeoutSeconds);
    }
  }
}
