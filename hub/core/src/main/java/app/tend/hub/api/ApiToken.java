package app.tend.hub.api;

import app.tend.hub.files.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's bearer token: {@code TEND_API_TOKEN} when set, else the file {@code api-token} in the data
 * folder, created at first start with owner-only permissions.
 */
public final class ApiToken {

  /** The environment variable that sets the token. */
  public static final String ENV = "TEND_API_TOKEN";

  /** The token file's name in the data folder. */
  public static final String FILE = "api-token";

  private static final Logger log = LoggerFactory.getLogger(ApiToken.class);

  private ApiToken() {}

  /**
   * A resolved token and where it came from.
   *
   * @param value the token
   * @param shellValue how a shell reads it: {@code $TEND_API_TOKEN} or {@code $(cat <file>)}
   */
  public record Resolved(String value, String shellValue) {
    @Override
    public String toString() {
      return "ApiToken[" + shellValue + "]";
    }
  }

  /** Resolves the token, creating the file when neither the variable nor the file exists. */
  public static Resolved resolve(Map<String, String> env, Path dataDir) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      log.info("API token: from {}", ENV);
      return new Resolved(fromEnv.strip(), "$" + ENV);
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        create(file);
        log.info("API token: created {} (readable by this user only)", file.toAbsolutePath());
      } else if (Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
        create(file);
        log.warn("API token: {} was empty (a first start that could not write it); made a new token",
            file.toAbsolutePath());
      } else {
        log.info("API token: {}", file.toAbsolutePath());
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      return new Resolved(token, "$(cat " + file.toAbsolutePath() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the API token file " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  /** Writes a new token; a failed write leaves no file. */
  private static void create(Path file) throws IOException {
    SecretFiles.write(file, SecretFiles.newSecret() + "\n");
  }
}
