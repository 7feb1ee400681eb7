package app.tend.hub.store;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hub whose database fills up while it runs and then has room again. {@code PRAGMA max_page_count} on the
 * store's connection makes SQLite answer SQLITE_FULL as on a full disk, without root or a small file system.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FullDiskTest {

  private static final String TOKEN = "full-disk-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path temp;
  private static Hub hub;
  private static SqliteStore store;
  private static int sessions;

  @BeforeAll
  static void start() throws Exception {
    Path file = temp.resolve("tend.yaml");
    Files.writeString(file, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          port: %d
        pluginFolder: %s
        persons:
          ana:
            zone: UTC
        """.formatted(temp.resolve("data"), FreePorts.next(), Files.createDirectories(temp.resolve("plugins"))));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(file, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", TOKEN));
    hub.start().await(60, TimeUnit.SECONDS);
    store = (SqliteStore) hub.store();
    await().atMost(Duration.ofSeconds(30)).until(hub::brokerUp);
  }

  @AfterAll
  static void stop() throws Exception {
    hub.stop().await(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void spaceAgain() {
    result(store.pragma("max_page_count = 1073741823"));
  }

  @Test
  void healthSaysTheStoreIsDownWhileItCannotWriteAndUpOnceItCanAgain() throws Exception {
    assertThat(health().at("/checks/store").asText()).isEqualTo("UP");
    fill();

    HttpResponse<String> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(down.body());
    assertThat(body.at("/checks/store").asText()).isEqualTo("DOWN");
    assertThat(body.get("ready").asBoolean()).isFalse();
    assertThat(JSON.readTree(get("/api/status").body()).get("ready").asBoolean()).isFalse();

    spaceAgain();

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .alias("the store finds out by itself, with no request writing")
        .until(() -> get("/health").statusCode() == 200);
    assertThat(health().at("/checks/store").asText()).isEqualTo("UP");
  }

  @Test
  void sessionAnswered500WasNotSavedSoARetryingClientMakesNoDuplicate() throws Exception {
    int saved = storedSessions();
    int created = 0;
    String body = sessionBody();
    result(store.pragma("max_page_count = 1"));
    for (int i = 0; i < 500 && add(body) == 201; i++) {
      created++;
      body = sessionBody();
    }
    spaceAgain();

    int attempts = 0;
    int status;
    do {
      status = add(body);
      attempts++;
    } while (status != 201 && attempts < 5);

    assertThat(storedSessions() - saved).as("sessions stored: one per 201, none for a 500").isEqualTo(created + 1);
    assertThat(status).as("the retry was taken").isEqualTo(201);
    assertThat(attempts).as("on the first retry").isEqualTo(1);
  }

  /** Makes the database full and adds sessions until one is refused. */
  private static void fill() throws Exception {
    result(store.pragma("max_page_count = 1"));
    for (int i = 0; i < 500; i++) {
      if (add(sessionBody()) == 500) {
        return;
      }
    }
    throw new AssertionError("500 sessions fitted in a full database");
  }

  private static String sessionBody() {
    Instant start = Instant.parse("2027-01-01T09:00:00Z").plus(Duration.ofDays(sessions++));
    return "{\"person\":\"ana\",\"start\":\"" + start + "\",\"summary\":\"" + "x".repeat(200) + "\"}";
  }

  /** Sessions of ana in the database file, read through a connection of the test's own. */
  private static int storedSessions() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + hub.config().databasePath());
        ResultSet rs = connection.createStatement()
            .executeQuery("SELECT count(*) FROM added_sessions WHERE person = 'ana'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int add(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri("/api/sessions")).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static JsonNode health() throws Exception {
    return JSON.readTree(get("/health").body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
  }
}
