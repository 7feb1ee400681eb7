package app.tend.hub.config;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One action of a routine, {@code routines.<id>.actions[n]}.
 *
 * @param target the target type, e.g. {@code mqtt}, {@code home-assistant}, {@code openhab}, {@code webhook}
 * @param params the target's parameters (see the target's README); a section or list as a value is passed
 *     on as compact JSON, e.g. an MQTT payload or a Home Assistant service's {@code data}
 * @param timeoutSeconds how long one attempt may take before it counts as failed
 * @param retries attempts after the first when one fails or times out
 * @param retryDelaySeconds the wait before the first retry; it doubles before each further one, up to ten minutes
 */
public record RoutineActionConfig(
    String target, Map<String, JsonNode> params, Integer timeoutSeconds, Integer retries, Integer retryDelaySeconds) {

  private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  /** Parameter names that would hold a secret; secrets belong in the environment or a file. */
  private static final Set<String> SECRET_NAMES = Set.of("token", "password", "passwd", "secret", "apikey", "api_key",
      "api-key", "authorization", "bearer", "accesstoken", "access_token");

  public RoutineActionConfig {
    ConfigChecks.matches("target", target, TARGET, "a target type such as mqtt, home-assistant, openhab or webhook");
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    if (params != null) {
      params.forEach((name, value) -> {
        if (SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
          throw new InvalidConfigException("params." + name, "***", "no secret in tend.yaml: name an environment "
              + "variable (tokenEnv) or a file (tokenFile) that holds it");
        }
        copy.put(name, value);
      });
    }
    params = Collections.unmodifiableMap(copy);
    timeoutSeconds = ConfigChecks.intIn("timeoutSeconds", timeoutSeconds, 10, 1, 300);
    retries = ConfigChecks.intIn("retries", retries, 2, 0, 10);
    retryDelaySeconds = ConfigChecks.intIn("retryDelaySeconds", retryDelaySeconds, 2, 0, 300);
  }

  /** The parameters as the target gets them: text as it is, numbers and booleans as written, sections as JSON. */
  public Map<String, String> textParams() {
    Map<String, String> text = new LinkedHashMap<>();
    params.forEach((name, value) -> text.put(name, value == null || value.isNull() ? ""
        : value.isValueNode() ? value.asText() : value.toString()));
    return text;
  }
}
