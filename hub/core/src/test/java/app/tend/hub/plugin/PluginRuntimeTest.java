package app.tend.hub.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.message.Intent;
import app.tend.api.message.Sample;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginRuntimeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private Vertx vertx;
  private SimpleMeterRegistry meters;
  private PluginRuntime runtime;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    MessageCodecs.register(vertx.eventBus());
    meters = new SimpleMeterRegistry();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (runtime != null) {
      runtime.stopAll().await(20, TimeUnit.SECONDS);
    }
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private PluginRuntime runtime(Path folder, Map<String, String> sectionsYamlAsJson) throws Exception {
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    for (var entry : sectionsYamlAsJson.entrySet()) {
      sections.put(entry.getKey(), JSON.readTree(entry.getValue()));
    }
    BrokerSettings broker = new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(), Optional.empty(), false);
    runtime = new PluginRuntime(vertx, meters, new PluginRuntime.Settings(
        folder, temp.resolve("data"), sections, new ConfigBinder(Map.of()), Clock.systemUTC(), broker, "0.1.0"));
    return runtime;
  }

  private static PluginState stateOf(PluginRuntime runtime, String id) {
    return runtime.plugin(id).orElseThrow(() -> new AssertionError("no plugin " + id)).state();
  }

  @Test
  void goodPluginStartsAndItsExtensionPublishesOnTheBus() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    PluginRuntime runtime = runtime(folder, Map.of("good", "{\"everyMinutes\": 7}"));
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    assertThat(stateOf(runtime, "good")).isEqualTo(PluginState.STARTED);
    List<Sample> samples = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Sample>consumer(Addresses.SAMPLES.name(), m -> samples.add(m.body()));
    vertx.eventBus().publish(Addresses.INTENTS.name(),
        new Intent("ana", Intent.Kind.FEELING_STRESSED, Map.of(), "test", "", Instant.now()));
    awaitUntil(() -> !samples.isEmpty());
    assertThat(samples.get(0).value()).as("the plugin read its own config").isEqualTo(7.0);
    assertThat(meters.get(app.tend.api.Meters.PLUGINS).tag("state", "STARTED").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void pluginThatThrowsInStartIsFailedWithItsCauseWhileTheGoodOneRuns() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    TestPlugins.throwsInStart(folder, "broken");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    PluginInfo broken = runtime.plugin("broken").orElseThrow();
    assertThat(broken.state()).isEqualTo(PluginState.FAILED);
    assertThat(broken.cause()).contains("boom in start");
    assertThat(stateOf(runtime, "good")).isEqualTo(PluginState.STARTED);
    assertThat(meters.counter(app.tend.api.Meters.PLUGINS_FAILED, "plugin", "broken").count()).isEqualTo(1.0);
  }

  @Test
  void extensionWhoseStartFailsMarksItsPluginFailed() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.failsExtensionStart(folder, "offline");
    TestPlugins.good(folder, "good");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    assertThat(runtime.plugin("offline").orElseThrow().cause()).contains("cannot reach the wearable");
    assertThat(stateOf(runtime, "offline")).isEqualTo(PluginState.FAILED);
    assertThat(stateOf(runtime, "good")).isEqualTo(PluginState.STARTED);
  }

  @Test
  void pluginWithMissingDependencyIsSkippedAlone() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    TestPlugins.dependsOn(folder, "needy", "not-installed");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    PluginInfo needy = runtime.plugin("needy").orElseThrow();
    assertThat(needy.state()).isEqualTo(PluginState.FAILED);
    assertThat(needy.cause()).contains("missing dependency").contains("not-installed");
    assertThat(stateOf(runtime, "good")).isEqualTo(PluginState.STARTED);
  }

  @Test
  void disabledPluginIsDisabledAndNotStarted() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    TestPlugins.good(folder, "sleepy");
    PluginRuntime runtime = runtime(folder, Map.of("sleepy", "{\"enabled\": false}"));
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    assertThat(stateOf(runtime, "sleepy")).isEqualTo(PluginState.DISABLED);
    assertThat(stateOf(runtime, "good")).isEqualTo(PluginState.STARTED);
  }

  @Test
  void pluginThatThrowsInACallbackIsFailedAndStoppedWhileOthersKeepWorking() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    TestPlugins.throwsInCallback(folder, "fragile");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);
    assertThat(stateOf(runtime, "fragile")).isEqualTo(PluginState.STARTED);

    List<Sample> samples = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Sample>consumer(Addresses.SAMPLES.name(), m -> samples.add(m.body()));
    vertx.eventBus().publish(Addresses.INTENTS.name(),
        new Intent("ana", Intent.Kind.FEELING_STRESSED, Map.of(), "test", "", Instant.now()));

    awaitUntil(() -> stateOf(runtime, "fragile") == PluginState.FAILED);
    assertThat(runtime.plugin("fragile").orElseThrow().cause()).contains("bad handler");
    awaitUntil(() -> samples.size() == 1);
    vertx.eventBus().publish(Addresses.INTENTS.name(),
        new Intent("ana", Intent.Kind.FEELING_STRESSED, Map.of(), "test", "", Instant.now()));
    awaitUntil(() -> samples.size() == 2);
    assertThat(stateOf(runtime, "good")).isEqualTo(PluginState.STARTED);
  }

  @Test
  void restartGivesAFailedPluginAnotherChance() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.throwsInCallback(folder, "fragile");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);
    vertx.eventBus().publish(Addresses.INTENTS.name(),
        new Intent("ana", Intent.Kind.STOP, Map.of(), "test", "", Instant.now()));
    awaitUntil(() -> stateOf(runtime, "fragile") == PluginState.FAILED);

    PluginInfo restarted = runtime.restart("fragile").await(30, TimeUnit.SECONDS);

    assertThat(restarted.state()).isEqualTo(PluginState.STARTED);
    assertThat(restarted.cause()).isEmpty();
  }

  @Test
  void stopAllStopsEveryStartedPlugin() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "first");
    TestPlugins.good(folder, "second");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    runtime.stopAll().await(30, TimeUnit.SECONDS);

    assertThat(runtime.plugins()).extracting(PluginInfo::state).containsOnly(PluginState.STOPPED);
  }

  @Test
  void badPluginConfigValueStopsLoadingWithTheKeyNamed() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    PluginRuntime runtime = runtime(folder, Map.of("good", "{\"everyMinutes\": 0}"));

    assertThatThrownBy(runtime::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugins.good.everyMinutes: 0 is not valid: expected a whole number from 1 to 60");
  }

  @Test
  void unknownPluginConfigKeyStopsLoadingWithTheKeyNamed() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    PluginRuntime runtime = runtime(folder, Map.of("good", "{\"everyMinute\": 3}"));

    assertThatThrownBy(runtime::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown key 'plugins.good.everyMinute'")
        .hasMessageContaining("everyMinutes");
  }

  @Test
  void configForAPluginThatIsNotInstalledStopsLoading() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.good(folder, "good");
    PluginRuntime runtime = runtime(folder, Map.of("godo", "{}"));

    assertThatThrownBy(runtime::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("plugins.godo: no plugin with this id is installed")
        .hasMessageContaining("good");
  }

  @Test
  void jarThatIsNotAPluginIsReportedAsFailed() throws Exception {
    Path folder = temp.resolve("plugins");
    java.nio.file.Files.createDirectories(folder);
    java.nio.file.Files.write(folder.resolve("notes.jar"), new byte[] {1, 2, 3});
    TestPlugins.good(folder, "good");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    assertThat(stateOf(runtime, "notes")).isEqualTo(PluginState.FAILED);
    assertThat(runtime.plugin("notes").orElseThrow().cause()).contains("not a plugin");
    assertThat(stateOf(runtime, "good")).isEqualTo(PluginState.STARTED);
  }

  @Test
  void restartsAskedForAtOnceRunOneAfterAnotherAndLaterOnesJoinTheOneWaiting() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.slow(folder, "slow");
    PluginRuntime runtime = runtime(folder, Map.of());
    List<Sample> runs = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Sample>consumer(Addresses.SAMPLES.name(), m -> runs.add(m.body()));
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);
    awaitUntil(() -> runs.size() == 1);

    List<Future<PluginInfo>> restarts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      restarts.add(runtime.restart("slow"));
    }
    Future.join(restarts).await(30, TimeUnit.SECONDS);

    // Overlapping, a start met the run before it still up, and the plugin was FAILED.
    assertThat(restarts).extracting(r -> r.result().state()).containsOnly(PluginState.STARTED);
    assertThat(stateOf(runtime, "slow")).isEqualTo(PluginState.STARTED);
    // The first start, then one restart (if all joined the first while it waited its turn) or two.
    assertThat(runs).as("ten restarts, joined").hasSizeBetween(2, 3);
  }

  @Test
  void metersOfARestartedPluginKeepCountingAndLeaveWithIt() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.counting(folder, "counting");
    PluginRuntime runtime = runtime(folder, Map.of());
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);
    publishIntent();
    awaitUntil(() -> intentsCounted() == 1);

    runtime.restart("counting").await(30, TimeUnit.SECONDS);
    publishIntent();
    publishIntent();

    // The registry kept the first run's counter, which nobody counted any more: it stood at 1.
    awaitUntil(() -> intentsCounted() == 2);
    runtime.disable("counting").await(30, TimeUnit.SECONDS);
    assertThat(meters.find("test.intents").meters()).as("gone from the hub's registry").isEmpty();
  }

  @Test
  void aRequiredSourceThatCannotTakeSamplesInMakesTheHubNotReady() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.deafSource(folder, "deaf", false);
    TestPlugins.deafSource(folder, "confused", true);
    PluginRuntime runtime = runtime(folder, Map.of("deaf", "{\"required\": true}"));
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    assertThat(runtime.plugins()).extracting(PluginInfo::state).containsOnly(PluginState.STARTED);
    assertThat(runtime.requiredPluginsDown()).isEmpty();
    assertThat(runtime.requiredIntakeProblems()).containsExactly(Map.entry("deaf", "the wearable's bridge stopped answering"));
    assertThat(runtime.requiredPluginDown()).isTrue();
    assertThat(runtime.plugin("deaf").orElseThrow().intake()).isEqualTo("the wearable's bridge stopped answering");
    assertThat(runtime.plugin("confused").orElseThrow().intake()).as("not required: shown, not counted")
        .contains("intakeProblem() threw").contains("no idea");

    runtime.disable("deaf").await(30, TimeUnit.SECONDS);
    assertThat(runtime.requiredIntakeProblems()).isEmpty();
  }

  @Test
  void anExtensionWhoseStartFailsIsStoppedSoItReleasesWhatItTook() throws Exception {
    Path folder = temp.resolve("plugins");
    TestPlugins.failsAfterTakingSomething(folder, "halfway");
    PluginRuntime runtime = runtime(folder, Map.of());
    List<Sample> samples = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Sample>consumer(Addresses.SAMPLES.name(), m -> samples.add(m.body()));
    runtime.load();
    runtime.startAll().await(30, TimeUnit.SECONDS);

    assertThat(stateOf(runtime, "halfway")).isEqualTo(PluginState.FAILED);
    awaitUntil(() -> samples.stream().anyMatch(s -> s.device().equals("released")));
  }

  private void publishIntent() {
    vertx.eventBus().publish(Addresses.INTENTS.name(),
        new Intent("ana", Intent.Kind.FEELING_STRESSED, Map.of(), "test", "", Instant.now()));
  }

  private double intentsCounted() {
    var counter = meters.find("test.intents").tag("plugin", "counting").functionCounter();
    return counter == null ? -1 : counter.count();
  }

  static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(20);
    }
  }
}
