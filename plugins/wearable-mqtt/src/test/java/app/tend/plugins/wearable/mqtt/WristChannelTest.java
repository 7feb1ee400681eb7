package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.message.Prompt;
import app.tend.api.message.Sample;
import app.tend.api.message.SampleBatch;
import app.tend.api.message.SignalKind;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.testkit.MosquittoBroker;
import app.tend.testkit.MqttProbe;
import app.tend.testkit.TestPluginContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The wrist channel against a real Mosquitto: prompts reach the watch's topic in the documented JSON. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WristChannelTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private MosquittoBroker broker;
  private MqttProbe watch;
  private int taken;

  @BeforeEach
  void setUp() throws Exception {
    broker = MosquittoBroker.start(temp.resolve("mosquitto"));
    watch = new MqttProbe(broker.url(), "tend/wearable/+/+/prompt");
  }

  @AfterEach
  void tearDown() throws Exception {
    watch.close();
    broker.close();
  }

  @Test
  void offerBuzzesTheConfiguredWatchWithItsUrgency(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx, Map.of("alex", "watch"));
    WristChannel wrist = started(context);
    Suggestion suggestion = new Suggestion("s1", "alex", "box-breathing", "Box breathing", "Would two minutes help?",
        "Your heart rate is up.", Urgency.HIGH, List.of("wrist"), Instant.now(), Instant.now().plusSeconds(900));
    vertx.eventBus().publish(Addresses.SUGGESTIONS.name(), suggestion);

    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
      done(wrist.deliver(new Prompt("p1", "alex", "wrist", Prompt.Kind.OFFER, "s1", "box-breathing", "Box breathing",
          "Would two minutes help?", 0, 0, 0)));
      return true;
    });
    Map.Entry<String, JsonNode> message = next();
    assertThat(message.getKey()).isEqualTo("tend/wearable/alex/watch/prompt");
    JsonNode body = message.getValue();
    assertThat(body.path("id").asText()).isEqualTo("p1");
    assertThat(body.path("kind").asText()).isEqualTo("offer");
    assertThat(body.path("title").asText()).isEqualTo("Box breathing");
    assertThat(body.path("text").asText()).isEqualTo("Would two minutes help?");
    assertThat(body.path("urgency").asText()).isEqualTo("high");
    assertThat(body.path("vibration").toString()).isEqualTo("[400,150,400,150,400]");
    done(wrist.stop());
  }

  @Test
  void stepGoesToTheDeviceTheLatestSampleCameFromAndTheSourceIgnoresIt(Vertx vertx) throws Exception {
    TestPluginContext context = context(vertx, Map.of());
    WearableMqttSource source = new WearableMqttSource(context);
    done(source.start());
    done(source.subscribed());
    WristChannel wrist = started(context);
    vertx.eventBus().publish(Addresses.SAMPLES.name(), new Sample("sam", "band", SignalKind.HR, Instant.now(), 70));

    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
      done(wrist.deliver(new Prompt("p2", "sam", "wrist", Prompt.Kind.STEP, "", "box-breathing", "Box breathing",
          "Breathe in, two, three, four.", 2, 19, 4)));
      return true;
    });
    Map.Entry<String, JsonNode> message = next();
    assertThat(message.getKey()).isEqualTo("tend/wearable/sam/band/prompt");
    assertThat(List.of(message.getValue().path("step").asInt(), message.getValue().path("steps").asInt(),
        message.getValue().path("seconds").asInt())).containsExactly(2, 19, 4);
    assertThat(message.getValue().path("vibration").toString()).isEqualTo("[80]");

    // A sample sent after the prompt arrives after it: once it is on the bus, the source has seen the prompt too.
    BlockingQueue<Sample> samples = new LinkedBlockingQueue<>();
    vertx.eventBus().<SampleBatch>consumer(Addresses.SAMPLE_BATCHES.name(), m -> samples.addAll(m.body().samples()));
    watch.publish("tend/wearable/sam/band/hr", "{\"t\":" + System.currentTimeMillis() + ",\"v\":71}", false);
    assertThat(samples.poll(10, TimeUnit.SECONDS)).extracting(Sample::value).isEqualTo(71.0);
    assertThat(context.registry().find(Meters.WEARABLE_REJECTED).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    done(wrist.stop());
    done(source.stop());
  }

  @Test
  void personWithoutAKnownDeviceFailsTheDelivery(Vertx vertx) throws Exception {
    WristChannel wrist = started(context(vertx, Map.of()));
    assertThat(wrist.deliver(new Prompt("p3", "kim", "wrist", Prompt.Kind.NOTICE, "", "", "", "Hello.", 0, 0, 0))
        .toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(10));
    done(wrist.stop());
  }

  @Test
  void aChannelStartedBeforeItsBrokerConnectsWhenTheBrokerAppears(Vertx vertx) throws Exception {
    broker.stop();
    WristChannel wrist = new WristChannel(context(vertx, Map.of("alex", "watch")));
    done(wrist.start());
    assertThat(wrist.connected()).isFalse();

    broker.restart();
    await().atMost(Duration.ofSeconds(20)).until(wrist::connected);
    done(wrist.stop());
  }

  private WristChannel started(TestPluginContext context) throws Exception {
    WristChannel wrist = new WristChannel(context);
    done(wrist.start());
    await().atMost(Duration.ofSeconds(10)).until(wrist::connected);
    return wrist;
  }

  /** The watch's next prompt, as topic and parsed JSON. */
  private Map.Entry<String, JsonNode> next() throws Exception {
    await("a prompt on the watch's topic").atMost(Duration.ofSeconds(10)).until(() -> watch.received().size() > taken);
    MqttProbe.Received message = watch.received().get(taken++);
    return Map.entry(message.topic(), JSON.readTree(message.payload()));
  }

  private TestPluginContext context(Vertx vertx, Map<String, String> devices) {
    WearableMqttConfig config = new WearableMqttConfig(null, null, null, null, 1, 2, null, null, null, null, null, null,
        null, new WearableMqttConfig.PromptSettings(null, devices, null), null, null, null);
    return new TestPluginContext("wearable-mqtt", vertx, config, Clock.systemUTC(), temp.resolve("data"),
        new BrokerSettings(broker.url(), Optional.empty(), Optional.empty(), Optional.empty(), false));
  }

  private static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
