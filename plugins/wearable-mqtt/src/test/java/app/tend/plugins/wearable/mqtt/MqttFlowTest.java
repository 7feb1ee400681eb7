package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.message.Sample;
import app.tend.api.message.SampleBatch;
import app.tend.api.message.SignalKind;
import app.tend.testkit.ManualClock;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The plugin against a real Mosquitto process: samples flow, and survive broker and hub restarts. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MqttFlowTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String HR = "tend/wearable/alex/watch/hr";

  @TempDir
  Path temp;

  private MosquittoBroker broker;
  private final List<Sample> received = new CopyOnWriteArrayList<>();
  private final long base = Instant.now().minusSeconds(3600).toEpochMilli();

  @BeforeEach
  void startBrokerAndListen(Vertx vertx) {
    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
    vertx.eventBus().<SampleBatch>consumer(Addresses.SAMPLE_BATCHES.name(), message -> received.addAll(message.body().samples()));
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  @Test
  void samplesPublishedInTendFormatArriveOnTheBus(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx);
    WearableMqttSource source = started(vertx, context);
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      wearable.publish(HR, sample(0, 72), 1);
      wearable.publish("tend/wearable/alex/watch",
          "{\"samples\":[{\"t\":" + (base + 1000) + ",\"kind\":\"eda\",\"v\":2.5},{\"t\":" + (base + 1000)
              + ",\"kind\":\"rr\",\"v\":830}]}", 1);
    }

    await().atMost(PATIENCE).until(() -> received.size() == 3);
    assertThat(received).extracting(Sample::kind).containsExactlyInAnyOrder(SignalKind.HR, SignalKind.EDA, SignalKind.RR);
    assertThat(counter(context, Meters.SAMPLES_RECEIVED, Meters.TAG_KIND, "hr")).isEqualTo(1);
    assertThat(context.failures()).isEmpty();
    done(source.stop());
  }

  @Test
  void brokerKilledAndRestartedMidStreamStillDeliversEverySampleExactlyOnce(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx);
    WearableMqttSource source = started(vertx, context);
    Instant subscribedAt = Instant.now();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger published = new AtomicInteger();
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
        try {
          while (!stop.get()) {
            int i = published.get();
            wearable.publish(HR, sample(i, 60 + i % 60), 1);
            published.incrementAndGet();
            Thread.sleep(2); // a wearable's pace, not a wait for a result
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // Mosquitto saves its sessions once a second; kill it only after our session is on disk.
      Path db = temp.resolve("mosquitto").resolve("mosquitto.db");
      await().atMost(PATIENCE).until(() -> Files.exists(db)
          && Files.getLastModifiedTime(db).compareTo(FileTime.from(subscribedAt.plusMillis(100))) > 0
          && received.size() >= 200);

      broker.kill();
      await().atMost(PATIENCE).until(() -> wearable.failures() >= 3);
      broker.restart();
      int atRestart = published.get();
      await().atMost(PATIENCE).until(() -> received.size() >= atRestart + 200);
      stop.set(true);
      stream.get(30, TimeUnit.SECONDS);
    }

    int total = published.get();
    await().atMost(PATIENCE).until(() -> received.size() >= total);
    assertThat(received).hasSize(total);
    assertThat(received.stream().map(Sample::time).distinct().count()).isEqualTo(total);
    assertThat(context.failures()).isEmpty();
    done(source.stop());
  }

  @Test
  void samplesPublishedWhileTheHubIsDownArriveWhenItStartsAgain(Vertx vertx) throws Exception {
    WearableMqttSource first = started(vertx, context(vertx));
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      wearable.publish(HR, sample(0, 70), 1);
      await().atMost(PATIENCE).until(() -> received.size() == 1);
      done(first.stop());

      for (int i = 1; i <= 50; i++) {
        wearable.publish(HR, sample(i, 70), 1);
      }
      assertThat(received).hasSize(1);

      WearableMqttSource second = started(vertx, context(vertx));
      await().atMost(PATIENCE).until(() -> received.size() == 51);
      assertThat(received.stream().map(Sample::time).distinct().count()).isEqualTo(51);
      done(second.stop());
    }
  }

  @Test
  void severalSharedSubscriptionConnectionsDeliverEverySampleExactlyOnce(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx, 3);
    WearableMqttSource source = started(vertx, context);
    int total = 600;
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      for (int i = 0; i < total; i++) {
        wearable.publishNoWait(HR, sample(i, 60 + i % 60), 1);
      }
      wearable.awaitDelivered();
    }

    await().atMost(PATIENCE).until(() -> received.size() >= total);
    assertThat(received).hasSize(total);
    assertThat(received.stream().map(Sample::time).distinct().count()).isEqualTo(total);
    assertThat(counter(context, Meters.MQTT_MESSAGES, null, null)).isEqualTo(total);
    assertThat(context.failures()).isEmpty();
    done(source.stop());
  }

  @Test
  void sharedSubscriptionSessionsKeepWhatArrivesWhileTheHubIsDown(Vertx vertx) throws Exception {
    WearableMqttSource first = started(vertx, context(vertx, 3));
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      wearable.publish(HR, sample(0, 70), 1);
      await().atMost(PATIENCE).until(() -> received.size() == 1);
      done(first.stop());

      for (int i = 1; i <= 60; i++) {
        wearable.publish(HR, sample(i, 70), 1);
      }
      assertThat(received).hasSize(1);

      WearableMqttSource second = started(vertx, context(vertx, 3));
      await().atMost(PATIENCE).until(() -> received.size() >= 61);
      assertThat(received).hasSize(61);
      assertThat(received.stream().map(Sample::time).distinct().count()).isEqualTo(61);
      done(second.stop());
    }
  }

  @Test
  void oneNewSampleThenTheBacklogQueuedBeforeItAllArrive(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx);
    WearableMqttSource source = started(vertx, context);
    int backlog = 3_510; // a wearable's outbox after a broker restart: its newest sample went out first
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      wearable.publishNoWait(HR, "{\"t\":" + (base + backlog * 1000L) + ",\"v\":70}", 1);
      for (int i = 0; i < backlog; i++) {
        wearable.publishNoWait(HR, "{\"t\":" + (base + i * 1000L) + ",\"v\":70}", 1);
      }
      wearable.awaitDelivered();
    }

    await().atMost(PATIENCE).until(() -> received.size() >= backlog + 1);
    assertThat(received).hasSize(backlog + 1);
    assertThat(received.stream().map(Sample::time).distinct().count()).isEqualTo(backlog + 1);
    assertThat(counter(context, Meters.WEARABLE_REJECTED, Meters.TAG_REASON, "duplicate")).isZero();
    done(source.stop());
  }

  @Test
  void exactRedeliveriesAreDuplicatesAndASampleBeyondTheLateWindowIsTooLate(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx);
    WearableMqttSource source = started(vertx, context);
    long beyond = base - 60 * 60_000L - 1;
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 10; i++) {
          wearable.publish(HR, sample(i, 70), 1);
        }
      }
      wearable.publish(HR, "{\"t\":" + beyond + ",\"v\":70}", 1);
      wearable.publish(HR, sample(10, 70), 1);
    }

    await().atMost(PATIENCE).until(() -> received.size() == 11);
    assertThat(counter(context, Meters.WEARABLE_REJECTED, Meters.TAG_REASON, "duplicate")).isEqualTo(10);
    assertThat(counter(context, Meters.WEARABLE_REJECTED, Meters.TAG_REASON, "too_late")).isEqualTo(1);
    assertThat(received).extracting(Sample::time).doesNotContain(Instant.ofEpochMilli(beyond));
    done(source.stop());
  }

  @Test
  void malformedPayloadIsCountedAndTheNextSampleStillArrives(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx);
    WearableMqttSource source = started(vertx, context);
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      wearable.publish(HR, "{\"t\": oops", 1);
      wearable.publish(HR, sample(1, 75), 1);
    }

    await().atMost(PATIENCE).until(() -> received.size() == 1);
    assertThat(received.get(0).value()).isEqualTo(75);
    assertThat(counter(context, Meters.WEARABLE_REJECTED, Meters.TAG_REASON, "malformed")).isEqualTo(1);
    assertThat(context.failures()).isEmpty();
    done(source.stop());
  }

  @Test
  void payloadOverTheHubsLimitIsCountedTooLargeUnreadAndTheNextSampleStillArrives(Vertx vertx) throws Exception {
    WearableMqttConfig config = WearableMqttConfig.defaults();
    TestPluginContext context = new TestPluginContext("wearable-mqtt", vertx, config, Clock.systemUTC(),
        temp.resolve("data"), new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(),
            false, 1024));
    WearableMqttSource source = started(vertx, context);
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      // A valid sample, padded past the limit: decoded, it would be a sample.
      wearable.publish(HR, sample(0, 180) + " ".repeat(1024), 1);
      wearable.publish(HR, sample(1, 75), 1);
    }

    await().atMost(PATIENCE).until(() -> received.size() == 1);
    assertThat(received.get(0).value()).isEqualTo(75);
    assertThat(counter(context, Meters.WEARABLE_REJECTED, Meters.TAG_REASON, Meters.REASON_TOO_LARGE)).isEqualTo(1);
    assertThat(counter(context, Meters.WEARABLE_REJECTED, Meters.TAG_REASON, Meters.REASON_MALFORMED)).isZero();
    assertThat(context.failures()).isEmpty();
    done(source.stop());
  }

  @Test
  void keepsTryingUntilTheBrokerAppears(Vertx vertx) throws Exception {
    broker.kill();
    TestPluginContext context = context(vertx);
    WearableMqttSource source = new WearableMqttSource(context);
    done(source.start());

    broker.restart();
    done(source.subscribed());
    try (TestPublisher wearable = new TestPublisher(broker.url())) {
      wearable.publish(HR, sample(0, 66), 1);
    }
    await().atMost(PATIENCE).until(() -> received.size() == 1);
    done(source.stop());
  }

  @Test
  void saysItCannotTakeSamplesInWhileUnsubscribedPastAReconnect(Vertx vertx) throws Exception {
    broker.kill();
    ManualClock clock = new ManualClock(Instant.now());
    WearableMqttSource source = new WearableMqttSource(context(vertx, 1, clock));
    done(source.start());
    assertThat(source.intakeProblem()).as("a reconnect's time is let pass").isEmpty();

    // reconnectMaxSeconds (2) plus the connect timeout (10 s), and one more
    clock.advance(Duration.ofSeconds(13));
    assertThat(source.intakeProblem()).hasValueSatisfying(problem -> assertThat(problem)
        .contains("has not been subscribed at " + broker.url() + " for 13 s"));

    broker.restart();
    done(source.subscribed());
    assertThat(source.intakeProblem()).isEmpty();
    done(source.stop());
  }

  private TestPluginContext context(Vertx vertx) {
    return context(vertx, 1);
  }

  private TestPluginContext context(Vertx vertx, int connections) {
    return context(vertx, connections, Clock.systemUTC());
  }

  private TestPluginContext context(Vertx vertx, int connections, Clock clock) {
    WearableMqttConfig config = new WearableMqttConfig(null, null, null, null, 1, 2, null, null, null, null, null, null,
        null, null, connections, null, null);
    return new TestPluginContext("wearable-mqtt", vertx, config, clock, temp.resolve("data"),
        new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false));
  }

  private WearableMqttSource started(Vertx vertx, TestPluginContext context) throws Exception {
    WearableMqttSource source = new WearableMqttSource(context);
    done(source.start());
    done(source.subscribed());
    return source;
  }

  private String sample(int i, double value) {
    return "{\"t\":" + (base + i * 10L) + ",\"v\":" + value + "}";
  }

  private static double counter(TestPluginContext context, String name, String tag, String value) {
    var search = context.registry().get(name);
    // A counter or a function counter: both measure one count.
    return (tag == null ? search : search.tag(tag, value)).meter().measure().iterator().next().getValue();
  }

  private static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
