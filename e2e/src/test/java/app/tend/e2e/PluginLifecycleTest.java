package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.message.StressState;
import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Plugins restarted, disabled and enabled many times in a row, through the API, against a real Mosquitto: what
 * a stopped plugin held (MQTT clients, threads, sockets) is gone, its meters keep counting, and samples still
 * become stress states; and the hub is not ready while a required source's intake is dead.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PluginLifecycleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_ID = "tend-lifecycle-test";
  private static final int ROUNDS = 100;
  private static final int CONNECTIONS = 5;
  /** Threads or files a hub may start or end on its own meanwhile (Vert.x workers, GC, HTTP client). */
  private static final int SLACK = 15;

  @TempDir Path temp;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final HttpClient http = HttpClient.newHttpClient();
  private MosquittoBroker broker;
  private MqttProbe wearable;
  private Hub hub;
  private final BlockingQueue<StressState> states = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    logs.start();
    root.addAppender(logs);
    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          url: %s
        pluginFolder: %s
        plugins:
          wearable-mqtt:
            required: true
            clientId: %s
            reconnectMinSeconds: 1
            reconnectMaxSeconds: 2
          voice-hermes:
            sites: {kitchen: ana}
          wearable-simulator: {enabled: false}
          calendar-ical: {enabled: false}
          home-assistant: {enabled: false}
          home-routines: {enabled: false}
          voice-local: {enabled: false}
          voice-alexa: {enabled: false}
        """.formatted(temp.resolve("data"), broker.url(), HubProcess.ROOT.resolve("plugins"), CLIENT_ID));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", HubProcess.TOKEN));
    hub.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    hub.vertx().eventBus().<StressState>consumer(Addresses.STRESS.name(), m -> states.add(m.body()));
    wearable = new MqttProbe(broker.url());
    until(() -> health() == 200, () -> "the hub is ready: " + healthBody());
    until(() -> Usage.connectionsTo(broker.port()) == CONNECTIONS,
        "the monitor, wearable-mqtt's two (samples, wrist), voice-hermes and the test's wearable are connected");
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (hub != null) {
        hub.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      if (wearable != null) {
        wearable.close();
      }
      broker.close();
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  void hundredRestartsInARowLeaveOneClientAndNoThreadsBehindAndSamplesStillBecomeStressStates() throws Exception {
    assertStressStateFor("before");
    Usage before = Usage.now(broker.port());

    for (int i = 0; i < ROUNDS; i++) {
      HttpResponse<String> restarted = post("/api/plugins/wearable-mqtt/restart");
      assertThat(restarted.statusCode()).as("restart %d: %s", i, restarted.body()).isEqualTo(200);
      assertThat(JSON.readTree(restarted.body()).get("state").asText()).as("restart %d", i).isEqualTo("STARTED");
    }
    // And a burst at once: they wait for each other, or join the one waiting.
    List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      burst.add(http.sendAsync(request("/api/plugins/wearable-mqtt/restart").POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> answer : burst) {
      HttpResponse<String> restarted = answer.get(60, TimeUnit.SECONDS);
      assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
      assertThat(json(restarted).get("state").asText()).isEqualTo("STARTED");
    }

    Usage after = settled(before);
    System.out.printf("wearable-mqtt, %d restarts and a burst of 20: before %s; after %s%n", ROUNDS, before, after);
    assertThat(after.brokerConnections()).isEqualTo(before.brokerConnections());
    assertThat(after.unpooledThreads()).isLessThanOrEqualTo(before.unpooledThreads() + SLACK);
    assertThat(after.fds()).isLessThanOrEqualTo(before.fds() + SLACK);
    assertNoConnectInProgress();
    assertStressStateFor("after");
    assertThat(health()).isEqualTo(200);
  }

  @Test
  void fiftyDisableEnableRoundsOfVoiceHermesLeaveNoClientOrThreadBehind() throws Exception {
    Usage before = Usage.now(broker.port());

    for (int i = 0; i < ROUNDS / 2; i++) {
      HttpResponse<String> disabled = post("/api/plugins/voice-hermes/disable");
      assertThat(disabled.statusCode()).as("disable %d: %s", i, disabled.body()).isEqualTo(200);
      assertThat(json(disabled).get("state").asText()).isEqualTo("DISABLED");
      HttpResponse<String> enabled = post("/api/plugins/voice-hermes/enable");
      assertThat(enabled.statusCode()).as("enable %d: %s", i, enabled.body()).isEqualTo(200);
      assertThat(json(enabled).get("state").asText()).isEqualTo("STARTED");
    }

    Usage after = settled(before);
    System.out.printf("voice-hermes, %d disable/enable rounds: before %s; after %s%n", ROUNDS / 2, before, after);
    assertThat(after.brokerConnections()).as("voice-hermes connected once again").isEqualTo(before.brokerConnections());
    assertThat(after.unpooledThreads()).isLessThanOrEqualTo(before.unpooledThreads() + SLACK);
    assertThat(after.fds()).isLessThanOrEqualTo(before.fds() + SLACK);
    assertNoConnectInProgress();
  }

  @Test
  void samplesAndMessagesAreStillCountedAfterARestart() throws Exception {
    assertStressStateFor("ana");
    assertThat(post("/api/plugins/wearable-mqtt/restart").statusCode()).isEqualTo(200);
    until(() -> Usage.connectionsTo(broker.port()) == CONNECTIONS, "wearable-mqtt is connected again");
    double samples = metric("tend_samples_received_total{kind=\"hr\",plugin=\"wearable-mqtt\"}");
    double messages = metric("tend_mqtt_messages_total{plugin=\"wearable-mqtt\"}");

    // The run before the restart counted on, unseen: what /metrics showed stood still at its last figure.
    long time = System.currentTimeMillis();
    for (int i = 1; i <= 10; i++) {
      publishSample("ben", time + i * 1000L);
    }

    until(() -> metric("tend_samples_received_total{kind=\"hr\",plugin=\"wearable-mqtt\"}") == samples + 10,
        "the 10 samples after the restart are counted");
    until(() -> metric("tend_mqtt_messages_total{plugin=\"wearable-mqtt\"}") == messages + 10,
        "the 10 messages after the restart are counted");
  }

  @Test
  void theHubIsNotReadyWhileAnotherClientKeepsTakingTheWearableSessionOver() throws Exception {
    assertThat(health()).isEqualTo(200);

    // A second client with the plugin's client id that connects again whenever it was put off, as the
    // clients a restart left behind did, or a second hub would.
    MqttAsyncClient other = new MqttAsyncClient(broker.url(), CLIENT_ID, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    AtomicBoolean taking = new AtomicBoolean(true);
    Thread rival = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (taking.get() && System.nanoTime() < deadline) {
        try {
          if (!other.isConnected()) {
            other.connect(options).waitForCompletion(5_000);
          }
          Thread.sleep(200);
        } catch (MqttException e) {
          // put off while connecting: try again
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rival client");
    rival.start();
    try {
      until(() -> health() == 503, "the hub is not ready");
      JsonNode checks = json(get("/health")).get("checks");
      assertThat(checks.get("requiredPluginsDown")).as("the plugin itself runs").isEmpty();
      assertThat(checks.at("/requiredIntakeDown/wearable-mqtt").asText()).contains("was lost 3 times")
          .contains("using client id " + CLIENT_ID);
      JsonNode status = json(get("/api/status"));
      assertThat(status.get("ready").asBoolean()).isFalse();
      assertThat(status.get("plugins")).filteredOn(p -> p.get("id").asText().equals("wearable-mqtt"))
          .singleElement().satisfies(p -> assertThat(p.get("intake").asText()).contains(CLIENT_ID));
    } finally {
      taking.set(false);
      rival.join(10_000);
    }

    // Once a reconnect's time has passed without losses, the plugin's intake counts as working again.
    if (other.isConnected()) {
      other.disconnect().waitForCompletion(5_000);
    }
    other.close(true);
    until(() -> health() == 200, () -> "the hub is ready again: " + healthBody());
    assertStressStateFor("cleo");
  }

  private double metric(String series) {
    try {
      String text = get("/metrics").body();
      return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(
          series.length() + 1))).findFirst().orElse(0);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Usage once the broker connections and threads are back to what they were, or after a minute. */
  private Usage settled(Usage before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Usage now = Usage.now(broker.port());
    while (System.nanoTime() < deadline && (now.brokerConnections() != before.brokerConnections()
        || now.unpooledThreads() > before.unpooledThreads() + SLACK)) {
      Thread.sleep(500);
      now = Usage.now(broker.port());
    }
    return now;
  }

  private void assertStressStateFor(String person) throws Exception {
    states.clear();
    // The engine judges a second once a sample of a later one arrives.
    AtomicLong time = new AtomicLong(System.currentTimeMillis() - 60_000);
    until(() -> {
      publishSample(person, time.addAndGet(1_000));
      try {
        StressState state = states.poll(1, TimeUnit.SECONDS);
        return state != null && state.person().equals(person);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, "a good sample from " + person + " gives a stress state");
  }

  private void publishSample(String person, long time) {
    try {
      wearable.publish("tend/wearable/" + person + "/watch/hr", "{\"t\": " + time + ", \"v\": 72}", false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void assertNoConnectInProgress() {
    List<ILoggingEvent> events;
    synchronized (logs) {
      events = List.copyOf(logs.list);
    }
    assertThat(events).noneSatisfy(event -> assertThat(event.getFormattedMessage()
        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
        .containsIgnoringCase("Connect already in progress"));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * What the hub's JVM holds: threads (all, and those outside Vert.x's worker pools, which grow to their bound on
   * their own), open files, heap in use after a GC, and TCP connections to the broker.
   */
  record Usage(int threads, long unpooledThreads, long fds, long heapMb, long brokerConnections) {

    static Usage now(int brokerPort) {
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      long heap = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
      long unpooled = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
          .filter(n -> !n.startsWith("vert.x-worker-thread-") && !n.startsWith("vert.x-internal-blocking-")).count();
      return new Usage(ManagementFactory.getThreadMXBean().getThreadCount(), unpooled, count(Path.of("/proc/self/fd")),
          heap, connectionsTo(brokerPort));
    }

    /** Established TCP connections (this machine's, as /proc shows them) whose far end is the broker's port. */
    static long connectionsTo(int port) {
      String remote = ":" + String.format(Locale.ROOT, "%04X", port) + " ";
      long count = 0;
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        try (Stream<String> lines = Files.lines(Path.of(table))) {
          // sl local_address rem_address st ...; st 01 is ESTABLISHED
          count += lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
              .filter(f -> f.length > 3 && (f[2] + " ").endsWith(remote) && f[3].equals("01")).count();
        } catch (IOException e) {
          throw new IllegalStateException("cannot read " + table, e);
        }
      }
      return count;
    }

    private static long count(Path folder) {
      try (Stream<Path> entries = Files.list(folder)) {
        return entries.count();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return threads + " threads (" + unpooledThreads + " outside Vert.x's pools), " + fds + " fds, " + heapMb + " MB heap, " + brokerConnections + " broker connections";
    }
  }

  private String healthBody() {
    try {
      return get("/health").body();
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }

  private int health() {
    try {
      return get("/health").statusCode();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
        .header("Authorization", "Bearer " + HubProcess.TOKEN);
  }

  private JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    until(condition, () -> what);
  }

  private static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s: " + what.get());
      }
      Thread.sleep(200);
    }
  }
}
