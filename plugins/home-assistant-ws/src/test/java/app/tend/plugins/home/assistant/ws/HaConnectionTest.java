package app.tend.plugins.home.assistant.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.plugins.home.assistant.ws.HomeAssistantWsConfig.Person;
import app.tend.testkit.FreePorts;
import app.tend.testkit.ManualClock;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.net.JksOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The connection's life: the token refused, a wrong address, Home Assistant not there yet, TLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HaConnectionTest {

  private static final String TOKEN = "the-right-long-lived-token";
  private static final String WRONG = "a-token-that-was-revoked";

  @TempDir Path temp;
  private final Vertx vertx = Vertx.vertx();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger plugin = (Logger) LoggerFactory.getLogger("app.tend.plugins.home.assistant.ws");
  private Level rootLevel;
  private Level pluginLevel;
  private FakeHomeAssistant ha;
  private Harness harness;
  private int port;

  @BeforeEach
  void setUp() {
    port = FreePorts.next();
    logs.start();
    root.addAppender(logs);
    rootLevel = root.getLevel();
    pluginLevel = plugin.getLevel();
    plugin.setLevel(Level.DEBUG);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (harness != null) {
      harness.close();
    }
    Harness.await(vertx.close());
    if (ha != null) {
      ha.close();
      assertThat(ha.violations()).isEmpty();
    }
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    plugin.setLevel(pluginLevel);
    assertThat(logs.list).as("no log line ever holds a token")
        .noneMatch(e -> e.getFormattedMessage().contains(TOKEN) || e.getFormattedMessage().contains(WRONG));
  }

  @Test
  void aRefusedTokenIsLoggedOnceInOneClearLineAndNotTriedAgain() throws Exception {
    ha = FakeHomeAssistant.start(TOKEN, port);
    harness = start("http://127.0.0.1:" + port, WRONG, null);

    await().atMost(Duration.ofSeconds(10)).until(() -> harness.status() == HaConnection.Status.REFUSED);
    // Longer than the longest wait between attempts: a retry would have come by now.
    Thread.sleep(2500);
    assertThat(ha.connections()).isEqualTo(1);
    assertThat(harness.attempts()).isEqualTo(1);
    List<String> problems = warnings();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("refused the access token", "ws://127.0.0.1:" + port + "/api/websocket",
        "Invalid access token or password", "not trying again");

    assertThat(harness.speaker.deliver(new app.tend.api.message.Prompt("p1", "alex", "ha-speaker",
        app.tend.api.message.Prompt.Kind.NOTICE, "", "", "", "Hello.", 0, 0, 0)).toCompletionStage()
        .toCompletableFuture()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
        .withMessageContaining("refused the access token");
  }

  @Test
  void anAddressThatIsNotHomeAssistantIsLoggedOnceAndNotTriedAgain() throws Exception {
    ha = FakeHomeAssistant.start(TOKEN, port);
    harness = start("http://127.0.0.1:" + port + "/not-home-assistant", TOKEN, null);

    await().atMost(Duration.ofSeconds(10)).until(() -> harness.status() == HaConnection.Status.REFUSED);
    Thread.sleep(2500);
    assertThat(harness.attempts()).isEqualTo(1);
    List<String> problems = warnings();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("answered HTTP 404", "/not-home-assistant/api/websocket",
        "not trying again", "Set url to Home Assistant's address");
    assertThat(ha.authenticated()).isZero();
  }

  @Test
  void homeAssistantThatIsNotUpYetIsWaitedForAndConnectedWhenItComes() throws Exception {
    harness = start("http://127.0.0.1:" + port, TOKEN, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.attempts() >= 2);
    assertThat(warnings()).hasSize(1).allSatisfy(w -> assertThat(w).contains("cannot reach Home Assistant"));

    ha = FakeHomeAssistant.start(TOKEN, port);
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.status() == HaConnection.Status.READY);
    assertThat(ha.authenticated()).isEqualTo(1);
  }

  @Test
  void wssIsUsedForAnHttpsAddressAndTrustsTheConfiguredCertificateAuthority() throws Exception {
    Path keyStore = temp.resolve("ha.jks");
    Path ca = temp.resolve("ha-ca.pem");
    keytool("-genkeypair", "-alias", "ha", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(),
        "-storetype", "JKS", "-storepass", "changeit", "-keypass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "ha", "-keystore", keyStore.toString(), "-storepass", "changeit",
        "-file", ca.toString());
    ha = FakeHomeAssistant.startTls(TOKEN, port,
        new JksOptions().setPath(keyStore.toString()).setPassword("changeit"));

    harness = start("https://127.0.0.1:" + port, TOKEN, ca.toString());
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.status() == HaConnection.Status.READY);
    assertThat(ha.authenticated()).isEqualTo(1);
  }

  @Test
  void anUntrustedCertificateIsRefusedSayingWhatToSet() throws Exception {
    Path keyStore = temp.resolve("ha.jks");
    keytool("-genkeypair", "-alias", "ha", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-keystore", keyStore.toString(),
        "-storetype", "JKS", "-storepass", "changeit", "-keypass", "changeit");
    ha = FakeHomeAssistant.startTls(TOKEN, port,
        new JksOptions().setPath(keyStore.toString()).setPassword("changeit"));

    harness = start("wss://127.0.0.1:" + port + "/api/websocket", TOKEN, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.attempts() >= 2);
    assertThat(warnings()).hasSize(1).allSatisfy(w -> assertThat(w).contains("TLS handshake", "set caFile"));
    assertThat(ha.authenticated()).isZero();
  }

  @Test
  void withoutAUrlThePluginStartsIdleAndItsChannelsRefuseSayingWhy() throws Exception {
    harness = new Harness(vertx, new HomeAssistantWsConfig(null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null), new ManualClock(Instant.parse("2026-03-04T10:00:00Z")),
        temp.resolve("data"));
    assertThat(harness.phone.deliver(new app.tend.api.message.Prompt("p1", "alex", "ha-phone",
        app.tend.api.message.Prompt.Kind.NOTICE, "", "", "", "Hello.", 0, 0, 0)).toCompletionStage()
        .toCompletableFuture()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
        .withMessageContaining("not set up (plugins.home-assistant-ws.url)");
    assertThat(warnings()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private Harness start(String url, String token, String caFile) throws Exception {
    Path tokenFile = temp.resolve("token");
    Files.writeString(tokenFile, token);
    HomeAssistantWsConfig config = new HomeAssistantWsConfig(url, null, tokenFile.toString(), caFile, "tts.piper",
        null, null, null, Map.of("alex", new Person("media_player.kitchen", null, "mobile_app_pixel_8", null, null)),
        false, null, null, null, null, 5, 2, 1, 2, null);
    return new Harness(vertx, config, new ManualClock(Instant.parse("2026-03-04T10:00:00Z")), temp.resolve("data"));
  }

  private List<String> warnings() {
    return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .filter(e -> e.getLoggerName().startsWith("app.tend.plugins.home.assistant.ws"))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
