package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PackagedHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private Map<String, String> env(int httpPort) {
    return Map.of(
        "TEND_HTTP_PORT", String.valueOf(httpPort),
        "TEND_MQTT_PORT", String.valueOf(FreePorts.next()),
        "TEND_DATA_DIR", temp.resolve("data").toString());
  }

  @Test
  void demoRunsWithEmbeddedBrokerAndSimulatorAndStopsCleanlyOnSigterm() throws Exception {
    int httpPort = FreePorts.next();
    try (HubProcess hub = HubProcess.start(temp, httpPort, env(httpPort), "--demo")) {
      hub.awaitReady(90);

      // Ready means the required plugins run; the others start one by one after them.
      Map<String, String> states = new HashMap<>();
      long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      do {
        JsonNode plugins = JSON.readTree(hub.get("/api/plugins").body());
        plugins.forEach(p -> states.put(p.get("id").asText(), p.get("state").asText()));
      } while (!"STARTED".equals(states.get("wearable-simulator")) && System.nanoTime() < started && pause());
      assertThat(states).containsEntry("wearable-mqtt", "STARTED").containsEntry("wearable-simulator", "STARTED");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String metrics = hub.get("/metrics").body();
      while (!metrics.matches("(?s).*tend_samples_received_total\\{[^}]*plugin=\"wearable-mqtt\"[^}]*} [1-9].*")
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
        metrics = hub.get("/metrics").body();
      }
      assertThat(metrics).containsPattern("tend_samples_received_total\\{[^}]*plugin=\"wearable-mqtt\"[^}]*} [1-9]");
      hub.awaitOutput("Samples in the last", 30);
      assertThat(hub.output()).contains("Tend is running.").contains("Authorization: Bearer $TEND_API_TOKEN")
          .contains("dashboard: http://127.0.0.1:" + httpPort + "/#token=" + HubProcess.TOKEN);
      assertThat(hub.get("/").body()).as("the dashboard is served").contains("<title>Tend</title>");

      int exit = hub.terminate(30);

      assertThat(exit).as("exit code after SIGTERM: 143 is the JVM's answer to SIGTERM").isIn(0, 143);
      assertThat(hub.output())
          .contains("Plugin wearable-simulator stopped")
          .contains("Plugin wearable-mqtt stopped")
          .contains("Embedded MQTT broker stopped")
          .contains("Hub stopped");
      int simulatorStop = hub.output().indexOf("Plugin wearable-simulator stopped");
      int mqttStop = hub.output().indexOf("Plugin wearable-mqtt stopped");
      int brokerStop = hub.output().indexOf("Embedded MQTT broker stopped");
      assertThat(simulatorStop).as("plugins stop in reverse order of starting").isLessThan(mqttStop);
      assertThat(mqttStop).as("plugins stop before the broker").isLessThan(brokerStop);
    }
  }

  @Test
  void unknownConfigKeyExitsWithCode2AndOneLineNamingTheKey() throws Exception {
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, "mqtt:\n  prot: 1883\n");
    int httpPort = FreePorts.next();
    try (HubProcess hub = HubProcess.start(temp, httpPort, env(httpPort), "--config", config.toString())) {
      int exit = hub.awaitExit(60);

      assertThat(exit).isEqualTo(2);
      assertThat(hub.output()).contains("tend: config error: unknown key 'mqtt.prot'");
    }
  }

  @Test
  void badEnvironmentValueExitsWithCode2NamingTheVariable() throws Exception {
    int httpPort = FreePorts.next();
    Map<String, String> env = new HashMap<>(env(httpPort));
    env.put("TEND_MQTT_PORT", "one");
    try (HubProcess hub = HubProcess.start(temp, httpPort, env)) {
      int exit = hub.awaitExit(60);

      assertThat(exit).isEqualTo(2);
      assertThat(hub.output()).contains("mqtt.port (from TEND_MQTT_PORT): 'one' is not valid: expected a whole number");
    }
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(200);
    return true;
  }
}
