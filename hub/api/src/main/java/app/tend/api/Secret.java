package app.tend.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A token or password, read from an environment variable or a file that the config names
 * ({@code tokenEnv: HA_TOKEN}, {@code tokenFile: /run/secrets/ha-token}); the config never holds the
 * secret itself. {@link #toString()} says {@code ***}, so a secret that ends up in a log line, a
 * record's {@code toString()} or an error message shows nothing.
 */
public final class Secret {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** The secret itself: only to put into a request header or a client's options, never into text for people. */
  public String reveal() {
    return value;
  }

  /**
   * Checks the form of a reference in a config record's constructor: at most one of the two, and a
   * variable name that can exist. Says nothing about whether the variable is set or the file readable.
   *
   * @param key the key prefix, e.g. {@code token} for {@code tokenEnv} and {@code tokenFile}
   * @throws InvalidConfigException naming the key
   */
  public static void checkReference(String key, String env, String file) {
    boolean hasEnv = env != null && !env.isBlank();
    boolean hasFile = file != null && !file.isBlank();
    if (hasEnv && hasFile) {
      throw new InvalidConfigException(key + "File", file, "either " + key + "Env or " + key + "File, not both");
    }
    if (hasEnv && !ENV_NAME.matcher(env).matches()) {
      throw new InvalidConfigException(key + "Env", env, "the name of an environment variable, e.g. HA_TOKEN");
    }
  }

  /**
   * Reads the secret a config names. Blocking when it reads a file: call it off the event loop.
   *
   * @param key the key prefix, e.g. {@code plugins.home-routines.homeAssistant.token}
   * @param env the environment variable's name, or null or blank
   * @param file the file's path, or null or blank; its content is trimmed
   * @param environment the environment ({@code System.getenv()} outside tests)
   * @return the secret, or empty when neither is named
   * @throws InvalidConfigException naming {@code <key>Env} or {@code <key>File} when the variable is unset or
   *     empty, or the file cannot be read or is empty
   */
  public static Optional<Secret> read(String key, String env, String file, Map<String, String> environment) {
    checkReference(key, env, file);
    if (env != null && !env.isBlank()) {
      String value = environment.get(env);
      if (value == null || value.isBlank()) {
        throw new InvalidConfigException(key + "Env", env, "an environment variable that is set and not empty");
      }
      return Optional.of(new Secret(value.trim()));
    }
    if (file != null && !file.isBlank()) {
      String value;
      try {
        value = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      } catch (IOException | RuntimeException e) {
        throw new InvalidConfigException(key + "File", file, "a readable file holding the secret ("
            + e.getClass().getSimpleName() + ")");
      }
      if (value.isEmpty()) {
        throw new InvalidConfigException(key + "File", file, "a file holding the secret, not an empty one");
      }
      return Optional.of(new Secret(value));
    }
    return Optional.empty();
  }

  /** A secret given directly, for tests and for values that came from elsewhere already. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return new Secret(value);
  }

  @Override
  public String toString() {
    return "***";
  }
}
