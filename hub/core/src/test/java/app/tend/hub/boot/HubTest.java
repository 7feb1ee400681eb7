package app.tend.hub.boot;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.message.Sample;
import app.tend.hub.config.ConfigLoader;
import app.tend.hub.plugin.PluginState;
import app.tend.mqtt.MqttConnection;
import app.tend.testkit.FreePorts;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.PluginJarBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "test-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path temp;
  private Hub hub;
  private MosquittoBroker mosquitto;

  @AfterEach
  void tearDown() throws Exception {
    if (hub != null) {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  private Hub startHub(String yaml) throws Exception {
    Path file = temp.resolve("tend.yaml");
    Files.writeString(file, yaml);
    ConfigLoader.Loaded loaded = new ConfigLoader().load(file, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", TOKEN));
    hub.start().await(60, TimeUnit.SECONDS);
    return hub;
  }

  private String baseConfig(Path plugins, String mqtt) {
    return """
        dataDir: %s
        http:
          port: 0
        mqtt:
        %s
        pluginFolder: %s
        """.formatted(temp.resolve("data"), mqtt, plugins);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
            .header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void publish(BrokerSettings broker, String topic, String payload) throws Exception {
    MqttClient client = new MqttClient(broker.url(), "test-publisher-" + System.nanoTime(), new MemoryPersistence());
    client.connect(MqttConnection.options(broker));
    client.publish(topic, new MqttMessage(payload.getBytes()));
    client.disconnect();
    client.close();
  }

  private List<Sample> collectSamples() {
    List<Sample> samples = new CopyOnWriteArrayList<>();
    hub.vertx().eventBus().<Sample>consumer(Addresses.SAMPLES.name(), m -> samples.add(m.body()));
    return samples;
  }

  @Test
  void embeddedBrokerAcceptsAPahoClientAndItsMessageReachesTheHub() throws Exception {
    Path plugins = temp.resolve("plugins");
    MqttBridgePlugin.build(plugins);
    startHub(baseConfig(plugins, "  port: " + FreePorts.next()));
    assertThat(hub.broker().embedded()).isTrue();
    awaitUntil(hub::brokerUp);
    List<Sample> samples = collectSamples();

    publish(hub.broker(), "test/ana", "71");

    awaitUntil(() -> !samples.isEmpty());
    assertThat(samples.get(0).person()).isEqualTo("ana");
    assertThat(samples.get(0).value()).isEqualTo(71.0);
  }

  @Test
  void externalMosquittoIsUsedWhenUrlIsSetAndHealthFollowsIt() throws Exception {
    mosquitto = MosquittoBroker.start(temp.resolve("mosquitto"));
    Path plugins = temp.resolve("plugins");
    MqttBridgePlugin.build(plugins);
    startHub(baseConfig(plugins, "  url: " + mosquitto.url()));
    assertThat(hub.broker().embedded()).isFalse();
    awaitUntil(hub::brokerUp);
    List<Sample> samples = collectSamples();

    publish(hub.broker(), "test/ben", "64");
    awaitUntil(() -> !samples.isEmpty());
    assertThat(samples.get(0).person()).isEqualTo("ben");
    assertThat(get("/health").statusCode()).isEqualTo(200);

    mosquitto.kill();
    awaitUntil(() -> !hub.brokerUp());
    HttpResponse<String> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(down.body());
    assertThat(body.get("ready").asBoolean()).isFalse();
    assertThat(body.get("live").asBoolean()).isTrue();
    assertThat(body.at("/checks/broker").asText()).isEqualTo("DOWN");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);

    mosquitto.restart();
    awaitUntil(hub::brokerUp);
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void apiPluginsShowsAFailedPluginWithItsCauseBesideAStartedOne() throws Exception {
    Path plugins = temp.resolve("plugins");
    MqttBridgePlugin.build(plugins);
    PluginJarBuilder.plugin("broken")
        .pluginClass("test.broken.ThePlugin")
        .source("test.broken.ThePlugin", """
            package test.broken;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
              @Override public void start() { throw new IllegalStateException("no such device"); }
            }
            """)
        .buildInto(plugins);
    startHub(baseConfig(plugins, "  port: " + FreePorts.next()));

    HttpResponse<String> response = get("/api/plugins");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode list = JSON.readTree(response.body());
    Map<String, JsonNode> byId = new java.util.HashMap<>();
    list.forEach(p -> byId.put(p.get("id").asText(), p));
    assertThat(byId.get("broken").get("state").asText()).isEqualTo(PluginState.FAILED.name());
    assertThat(byId.get("broken").get("cause").asText()).contains("no such device");
    assertThat(byId.get("mqtt-bridge").get("state").asText()).isEqualTo(PluginState.STARTED.name());
    assertThat(byId.get("mqtt-bridge").get("version").asText()).isEqualTo("1.0.0");
    assertThat(byId.get("mqtt-bridge").get("extensions").toString()).contains("SignalSource");
  }

  @Test
  void healthIsNotReadyWhileARequiredPluginHasFailed() throws Exception {
    Path plugins = temp.resolve("plugins");
    PluginJarBuilder.plugin("needed")
        .pluginClass("test.needed.ThePlugin")
        .source("test.needed.ThePlugin", """
            package test.needed;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
              @Override public void start() { throw new IllegalStateException("cannot"); }
            }
            """)
        .buildInto(plugins);
    startHub(baseConfig(plugins, "  port: " + FreePorts.next()) + "plugins:\n  needed:\n    required: true\n");
    awaitUntil(hub::brokerUp);

    HttpResponse<String> health = get("/health");

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(health.body()).at("/checks/requiredPluginsDown/0").asText()).isEqualTo("needed");
  }

  @Test
  void metricsServeTendVertxAndJvmMetersAsPrometheusText() throws Exception {
    Path plugins = temp.resolve("plugins");
    MqttBridgePlugin.build(plugins);
    startHub(baseConfig(plugins, "  port: " + FreePorts.next()));
    awaitUntil(hub::brokerUp);
    get("/health");

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("tend_plugins{state=\"STARTED\"} 1.0")
        .contains("tend_broker_up 1.0")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_usage")
        .contains("vertx_http_server_requests_total");
  }

  @Test
  void embeddedBrokerPortInUseFailsStartWithWhatToDo() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Path file = temp.resolve("tend.yaml");
      Files.writeString(file, baseConfig(temp.resolve("plugins"), "  port: " + taken.getLocalPort()));
      ConfigLoader.Loaded loaded = new ConfigLoader().load(file, Map.of());
      Hub failing = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of("TEND_API_TOKEN", TOKEN));
      try {
        Throwable failure = failing.start().toCompletionStage().toCompletableFuture()
            .handle((ok, error) -> error).get(60, TimeUnit.SECONDS);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage())
            .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
            .contains("TEND_MQTT_PORT");
      } finally {
        failing.stop().await(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void unknownPathAnswersJson404() throws Exception {
    startHub(baseConfig(temp.resolve("plugins"), "  port: " + FreePorts.next()));

    HttpResponse<String> response = get("/api/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).contains("/api/nothing-here");
    assertThat(response.body()).doesNotContain("Exception");
  }

  static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(25);
    }
  }
}
