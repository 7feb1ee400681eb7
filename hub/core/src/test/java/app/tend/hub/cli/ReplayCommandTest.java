package app.tend.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.hub.broker.BrokerUsers;
import app.tend.hub.broker.EmbeddedBroker;
import app.tend.hub.json.Json;
import app.tend.testkit.FreePorts;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayCommandTest {

  private static final long START_MS = 1_700_000_000_000L;
  private static final int SECONDS = 180;

  @TempDir
  Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new TendCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  /** Three minutes of one calm person: heart rate at 1 Hz, skin conductance at 4 Hz. 900 rows. */
  private Path recording(String name, String person) throws Exception {
    StringBuilder csv = new StringBuilder("t_ms,person,kind,value,label\n");
    for (int s = 0; s < SECONDS; s++) {
      long t = START_MS + s * 1000L;
      csv.append(t).append(',').append(person).append(",hr,").append(64 + s % 3).append(",rest\n");
      for (int q = 0; q < 4; q++) {
        csv.append(t + q * 250L).append(',').append(person).append(",eda,")
            .append(String.format(Locale.ROOT, "%.3f", 2 + 0.01 * q)).append(",rest\n");
      }
    }
    Path file = folder.resolve(name);
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void replayIntoTheEnginePrintsTheStatesTheHubWouldPublish() throws Exception {
    int code = run("replay", "--speed", "0", recording("calm.csv", "alex").toString());

    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    // A state every 5 s of sample time (publishEverySeconds) once the engine judges seconds.
    assertThat(lines).hasSizeBetween(SECONDS / 5 - 2, SECONDS / 5 + 1);
    assertThat(lines).allSatisfy(line -> assertThat(line).matches("2023-11-14T\\S+Z alex +(UNKNOWN|CALM|ELEVATED|HIGH|ACTIVE) .*"));
    assertThat(lines.get(lines.size() - 1)).contains("CALM");
    assertThat(err.toString()).contains("900 rows into the stress engine for 1 persons");
  }

  @Test
  void replayIntoTheEngineAsJsonPrintsOneStressStatePerLine() throws Exception {
    int code = run("replay", "--speed", "0", "--json", recording("calm.csv", "alex").toString());

    assertThat(code).as(err.toString()).isZero();
    JsonNode last = Json.MAPPER.readTree(out.toString().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(last.get("person").asText()).isEqualTo("alex");
    assertThat(last.get("level").asText()).isEqualTo("CALM");
    assertThat(last.has("score")).isTrue();
  }

  @Test
  void aFolderPlaysEveryRecordingSideBySide() throws Exception {
    recording("a.csv", "alex");
    recording("b.csv", "sam");
    Files.writeString(folder.resolve("notes.txt"), "not a recording");

    int code = run("replay", "--speed", "0", folder.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains(" alex ", " sam ");
    assertThat(err.toString()).contains("1,800 rows into the stress engine for 2 persons");
  }

  @Test
  void replayToABrokerPublishesEverySampleInTendsOwnFormat() throws Exception {
    Path file = recording("calm.csv", "alex");
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"));
        MqttProbe listener = new MqttProbe(broker.url(), "tend/wearable/#")) {
      int code = run("replay", "--speed", "0", "--mqtt", broker.url(), "--device", "watch", file.toString());

      assertThat(code).as(err.toString()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> listener.received().size() == SECONDS * 5);
      assertThat(listener.received()).extracting(MqttProbe.Received::topic).containsOnly("tend/wearable/alex/watch/hr",
          "tend/wearable/alex/watch/eda");
      assertThat(listener.payloads().get(0)).isEqualTo("{\"t\":" + START_MS + ",\"v\":64}");
      assertThat(listener.payloads()).contains("{\"t\":" + (START_MS + 750) + ",\"v\":2.03}");
      assertThat(err.toString()).contains("900 samples in 900 messages");
    }
  }

  @Test
  void theEmbeddedBrokerTakesTheReplayWithTheBridgesPasswordFileOnly() throws Exception {
    Path file = recording("calm.csv", "alex");
    BrokerUsers users = BrokerUsers.resolve(folder.resolve("mqtt-users"), List.of(), Optional.empty());
    Vertx vertx = Vertx.vertx();
    EmbeddedBroker broker = new EmbeddedBroker(vertx, new EmbeddedBroker.Settings("127.0.0.1", FreePorts.next(),
        folder.resolve("broker"), 100_000, 256 * 1024, users, false), new SimpleMeterRegistry());
    broker.start().await();
    try (MqttProbe hub = MqttProbe.login(broker.url(), "hub", users.hub().password(), "tend/wearable/#")) {
      assertThat(run("replay", "--speed", "0", "--mqtt", broker.url(), file.toString())).isEqualTo(1);
      assertThat(err.toString()).contains("cannot connect to " + broker.url());

      int code = run("replay", "--speed", "0", "--mqtt", broker.url(), "--username", "bridge", "--password-file",
          folder.resolve("mqtt-users/bridge").toString(), file.toString());

      assertThat(code).as(err.toString()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> hub.received().size() == SECONDS * 5);
    } finally {
      broker.stop().await();
      vertx.close().await();
    }
  }

  @Test
  void batchesCarryEverySampleOnThePersonsDeviceTopic() throws Exception {
    Path file = recording("calm.csv", "alex");
    try (MosquittoBroker broker = MosquittoBroker.start(folder.resolve("mosquitto"));
        MqttProbe listener = new MqttProbe(broker.url(), "tend/wearable/#")) {
      int code = run("replay", "--speed", "0", "--mqtt", broker.url(), "--batch", "50", "--device", "watch",
          file.toString());

      assertThat(code).as(err.toString()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> listener.received().size() == 18);
      assertThat(listener.received()).extracting(MqttProbe.Received::topic).containsOnly("tend/wearable/alex/watch");
      int samples = 0;
      for (String message : listener.payloads()) {
        JsonNode batch = Json.MAPPER.readTree(message).get("samples");
        samples += batch.size();
        assertThat(batch.get(0).get("kind").asText()).isIn("hr", "eda");
      }
      assertThat(samples).isEqualTo(900);
    }
  }

  @Test
  void aBadRowStopsTheReplayNamingFileAndLine() throws Exception {
    Path file = folder.resolve("bad.csv");
    Files.writeString(file, """
        t_ms,person,kind,value,label
        1700000000000,alex,hr,64,rest
        1700000001000,alex,hr,65,rest
        1700000002000,alex,hr,sixty,rest
        """);

    int code = run("replay", "--speed", "0", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("tend: replay: " + file + ":4: value must be a number, got 'sixty'");
  }

  @Test
  void aPathWithoutRecordingsIsAnError() throws Exception {
    assertThat(run("replay", folder.resolve("nowhere").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nowhere does not exist");

    assertThat(run("replay", folder.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("holds no recordings");
  }

  @Test
  void anUnreachableBrokerIsAnError() throws Exception {
    int port = FreePorts.next();
    int code = run("replay", "--mqtt", "tcp://127.0.0.1:" + port, recording("calm.csv", "alex").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("cannot connect to tcp://127.0.0.1:" + port);
  }
}
