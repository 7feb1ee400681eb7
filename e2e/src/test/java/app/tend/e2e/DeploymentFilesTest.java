package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.testkit.FreePorts;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose.yml and config/mosquitto.conf cannot run here (no Docker), so their content is checked. */
class DeploymentFilesTest {

  private static final Path ROOT = HubProcess.ROOT;

  @TempDir Path temp;

  @Test
  void composePinsMosquittoAndPointsTheHubAtItWithDataInVolumes() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());

    JsonNode mosquitto = compose.at("/services/mosquitto");
    assertThat(mosquitto.get("image").asText()).isEqualTo("eclipse-mosquitto:2");
    assertThat(mosquitto.get("volumes").toString()).contains("./config/mosquitto.conf:/mosquitto/config/mosquitto.conf");
    JsonNode tend = compose.at("/services/tend");
    assertThat(tend.at("/environment/TEND_MQTT_URL").asText()).isEqualTo("tcp://mosquitto:1883");
    assertThat(tend.get("volumes").toString()).contains("tend-data:/var/lib/tend");
    assertThat(compose.at("/volumes").has("tend-data")).isTrue();
    assertThat(Files.readString(ROOT.resolve("Dockerfile")))
        .contains("TEND_DATA_DIR=/var/lib/tend")
        .contains("TEND_PLUGIN_FOLDER=/opt/tend/plugins");
  }

  @Test
  void shippedMosquittoConfigIsAcceptedByARealMosquittoAndRefusesMessagesOver256KiB() throws Exception {
    int port = FreePorts.next();
    String conf = Files.readString(ROOT.resolve("config/mosquitto.conf"))
        .replace("listener 1883", "listener " + port + " 127.0.0.1")
        .replace("/mosquitto/data/", temp.toAbsolutePath() + "/");
    Path file = temp.resolve("mosquitto.conf");
    Files.writeString(file, conf);
    Process process = new ProcessBuilder(MosquittoBroker.binary(), "-c", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(temp.resolve("out.txt").toFile())
        .start();
    try {
      boolean listening = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!listening && process.isAlive() && System.nanoTime() < deadline) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          listening = true;
        } catch (java.io.IOException notYet) {
          Thread.sleep(50);
        }
      }
      assertThat(listening).as("mosquitto with the shipped config listens; its output: %s",
          Files.readString(temp.resolve("out.txt"))).isTrue();
      try (MqttProbe listener = new MqttProbe("tcp://127.0.0.1:" + port, "tend/#");
          MqttProbe wearable = new MqttProbe("tcp://127.0.0.1:" + port)) {
        assertThatThrownBy(() -> wearable.publish("tend/wearable/ana/watch/hr", "x".repeat(256 * 1024), false))
            .as("a message over 256 KiB is refused").isInstanceOf(MqttException.class);
        listener.publish("tend/wearable/ana/watch/hr", "{\"t\":1767225600000,\"v\":70}", false);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.received().isEmpty() && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        assertThat(listener.payloads()).containsExactly("{\"t\":1767225600000,\"v\":70}");
      }
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
