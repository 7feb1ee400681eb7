package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.message.Sample;
import app.tend.api.message.SampleBatch;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The plugin under {@code kill -9}: a real process on a real Mosquitto, then a new one over the same data folder. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PluginKillTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String HR = "tend/wearable/alex/watch/hr";

  @TempDir
  Path temp;

  private MosquittoBroker broker;
  private Process child;

  @AfterEach
  void tearDown() {
    if (child != null) {
      child.destroyForcibly();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void samplesTakenBeforeAKillAreDuplicatesWhenTheBrokerDeliversThemAgain(Vertx vertx) throws Exception {
    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
    Path data = temp.resolve("data");
    long base = Instant.now().minusSeconds(600).toEpochMilli();
    int taken = 50;
    List<String> said = new CopyOnWriteArrayList<>();
    child = start(data, said);
    await().atMost(PATIENCE).until(() -> said.contains("READY") || !child.isAlive());
    assertThat(said).as("the plugin process started").contains("READY");

    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      for (int i = 0; i < taken; i++) {
        wearable.publish(HR, "{\"t\":" + (base + i * 1000L) + ",\"v\":70}", 1);
      }
      await().atMost(PATIENCE).until(() -> said.stream().filter(line -> line.startsWith("SAMPLE ")).count() == taken);
      // Killed once what it published is written down, which follows each slice at once.
      Path journal = data.resolve(SeenJournal.FILE);
      await().atMost(PATIENCE).until(() ->
          SeenJournal.read(journal, new DuplicateFilter(3_600_000), System.currentTimeMillis()) == taken);
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

      List<Sample> received = new CopyOnWriteArrayList<>();
      vertx.eventBus().<SampleBatch>consumer(Addresses.SAMPLE_BATCHES.name(), m -> received.addAll(m.body().samples()));
      TestPluginContext context = new TestPluginContext("wearable-mqtt", vertx, WearableMqttConfig.defaults(),
          Clock.systemUTC(), data,
          new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false));
      WearableMqttSource successor = new WearableMqttSource(context);
      successor.start().compose(started -> successor.subscribed()).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      // What a broker sends again after a crash: the same messages (here all of them), then new ones.
      for (int i = 0; i < taken; i++) {
        wearable.publish(HR, "{\"t\":" + (base + i * 1000L) + ",\"v\":70}", 1);
      }
      long fresh = base + taken * 1000L;
      wearable.publish(HR, "{\"t\":" + fresh + ",\"v\":71}", 1);

      await().atMost(PATIENCE).until(() -> !received.isEmpty());
      assertThat(received).extracting(Sample::time).containsExactly(Instant.ofEpochMilli(fresh));
      // At least those; the broker may also have re-sent what the killed process had not acknowledged.
      assertThat(context.registry().get(Meters.WEARABLE_REJECTED).tag(Meters.TAG_REASON, "duplicate").counter().count())
          .isGreaterThanOrEqualTo(taken);
      successor.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** The plugin in a child JVM with this JVM's class path; what it says after {@code @@ } goes into {@code said}. */
  private Process start(Path data, List<String> said) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        PluginProcess.class.getName(), broker.url(), data.toString()).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("@@ ")) {
            said.add(line.substring(3));
          }
        }
      } catch (IOException e) {
        said.add("EXIT " + e.getMessage());
      }
    }, "plugin-child-output");
    reader.setDaemon(true);
    reader.start();
    return process;
  }
}
