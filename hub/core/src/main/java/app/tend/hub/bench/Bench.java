package app.tend.hub.bench;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.message.StressState;
import app.tend.hub.boot.Hub;
import app.tend.hub.broker.BrokerUsers;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.HttpConfig;
import app.tend.hub.config.MqttConfig;
import app.tend.hub.config.TendConfig;
import app.tend.hub.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One end-to-end benchmark run: a hub in this JVM (the real wearable-mqtt plugin jar, the real stress
 * service and every other stage), simulated wearables publishing through a broker (the embedded one or
 * an external one), and figures taken over a measuring window after a warm-up. Prints figures; asserts
 * nothing.
 */
public final class Bench {

  /**
   * @param mqttUrl an external broker, or null for the hub's embedded one
   * @param pluginJar the wearable-mqtt plugin jar
   * @param persons simulated wearables
   * @param rate messages per second in all, 0 for as fast as the broker takes them
   * @param batch samples per message
   * @param qos 0 or 1
   * @param connections the generator's MQTT connections
   * @param hubConnections the plugin's connections (its {@code connections} key); 0 leaves the plugin's default
   * @param window most unacknowledged QoS 1 messages per generator connection
   * @param warmupSeconds seconds before measuring
   * @param seconds seconds measured
   * @param brokerPid the process id of an external broker, to count its CPU time; 0 when not known
   */
  public record Settings(String mqttUrl, Path pluginJar, int persons, double rate, int batch, int qos, int connections,
      int hubConnections, int window, int warmupSeconds, int seconds, long brokerPid) {}

  private static final int DRAIN_SECONDS = 30;
  private static final String PLUGIN = "wearable-mqtt";

  private final Settings settings;
  private final PrintWriter progress;
  private final String hubClientId = "tend-bench-" + Long.toHexString(System.nanoTime());

  public Bench(Settings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Runs the benchmark and returns its figures. */
  public BenchReport run() throws Exception {
    Path folder = Files.createTempDirectory("tend-bench");
    try {
      return run(folder);
    } finally {
      delete(folder);
    }
  }

  private BenchReport run(Path folder) throws Exception {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.copy(settings.pluginJar(), plugins.resolve(settings.pluginJar().getFileName()));
    Hub hub = Hub.create(config(folder, plugins), new ConfigBinder(Map.of()), Clock.systemUTC(),
        Map.of("TEND_API_TOKEN", "bench"));
    hub.start().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    MessageConsumer<StressState> watch = null;
    BrokerStore brokerStore = null;
    try {
      URI broker = URI.create(hub.broker().clientUrl());
      if (settings.mqttUrl() != null) {
        brokerStore = BrokerStore.watch(settings.mqttUrl());
      }
      awaitSubscribed(hub.registry(), hub.broker());
      TimeUnit.SECONDS.sleep(1); // probes still on their way arrive before counting starts
      LatencyBook latencies = new LatencyBook(settings.persons());
      watch = hub.vertx().eventBus().consumer(Addresses.STRESS.name(), message -> {
        StressState state = message.body();
        int person = LoadGenerator.personIndex(state.person());
        if (person >= 0 && person < settings.persons()) {
          latencies.state(person, state.time().getEpochSecond(), System.nanoTime());
        }
      });
      double speed = LoadGenerator.speed(settings.rate() > 0 ? settings.rate() : 200_000, settings.persons(), settings.batch());
      long span = settings.warmupSeconds() + settings.seconds() + DRAIN_SECONDS + 60;
      // Each person starts somewhere in the script; the latest sample time must stay behind the hub's clock.
      long startMs = System.currentTimeMillis() - (long) (speed * span * 1000) - WearableScript.LENGTH_MS - 60_000;
      // The wearables log in as a bridge would, so the broker checks each publish against the bridge's topics.
      Optional<BrokerUsers.User> bridge = hub.brokerUsers().map(users -> users.all().get("bridge"));
      LoadGenerator generator = new LoadGenerator(new LoadGenerator.Settings(broker.getHost(), broker.getPort(),
          settings.persons(), settings.connections(), settings.rate(), settings.batch(), settings.qos(), settings.window(),
          startMs, settings.warmupSeconds() / 2, bridge.map(BrokerUsers.User::name).or(() -> hub.broker().username()),
          bridge.map(BrokerUsers.User::password).or(() -> hub.broker().password())), latencies);
      long heapBefore = usedHeapAfterGc();
      Figures figures = new Figures(hub.registry(), generator, settings.brokerPid());
      generator.start();
      try {
        return measure(hub, generator, latencies, figures, brokerStore, heapBefore);
      } finally {
        generator.close();
      }
    } finally {
      if (watch != null) {
        watch.unregister();
      }
      if (brokerStore != null) {
        brokerStore.close();
      }
      hub.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      if (settings.mqttUrl() != null) {
        removeSessions(settings.mqttUrl());
      }
    }
  }

  /** Ends the hub's sessions on an external broker, which would otherwise queue the next run's messages. */
  private void removeSessions(String url) throws MqttException {
    int connections = Math.max(1, settings.hubConnections());
    for (int i = 0; i < connections; i++) {
      String id = connections == 1 ? hubClientId : hubClientId + "-" + i;
      MqttAsyncClient client = new MqttAsyncClient(url, id, new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setSessionExpiryInterval(0L);
      client.connect(options).waitForCompletion(10_000);
      client.disconnect().waitForCompletion(10_000);
      client.close(true);
    }
  }

  private BenchReport measure(Hub hub, LoadGenerator generator, LatencyBook latencies, Figures figures,
      BrokerStore brokerStore, long heapBefore) throws Exception {
    List<long[]> backlog = new ArrayList<>();
    Snapshot start = null;
    long queueMax = 0;
    long storeMax = 0;
    int total = settings.warmupSeconds() + settings.seconds();
    for (int second = 1; second <= total; second++) {
      Snapshot previous = figures.snapshot();
      TimeUnit.MILLISECONDS.sleep(1000);
      if (generator.failure() != null) {
        throw new IOException("the load generator failed: " + generator.failure().getMessage(), generator.failure());
      }
      Snapshot now = figures.snapshot();
      if (second == settings.warmupSeconds()) {
        start = now;
        latencies.recording(true);
      } else if (second > settings.warmupSeconds()) {
        backlog.add(new long[] {second, now.backlog()});
        queueMax = Math.max(queueMax, now.queue);
        if (brokerStore != null) {
          storeMax = Math.max(storeMax, brokerStore.stored());
        }
      }
      progress.printf(Locale.ROOT, "bench: %3d s %s: sent %,8.0f msg/s, hub %,8.0f msg/s %,9.0f samples/s, backlog %,d, queue %,d%n",
          second, second <= settings.warmupSeconds() ? "warm-up" : "measure",
          (now.sent - previous.sent) / now.secondsSince(previous), (now.hubMessages - previous.hubMessages) / now.secondsSince(previous),
          (now.hubSamples - previous.hubSamples) / now.secondsSince(previous), now.backlog(), now.queue);
      progress.flush();
    }
    if (start == null) {
      start = figures.snapshot();
    }
    Snapshot end = figures.snapshot();
    latencies.recording(false);
    String loadAtEnd = loadAverage();
    generator.close();
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
    Snapshot drained = figures.snapshot();
    while (drained.hubSamples < drained.sentSamples && System.nanoTime() < drainUntil) {
      TimeUnit.MILLISECONDS.sleep(200);
      drained = figures.snapshot();
    }
    long heapAfter = usedHeapAfterGc();
    long[] sorted = latencies.sorted();
    return new BenchReport(settings, settings.mqttUrl() == null ? "embedded HiveMQ CE" : "external " + settings.mqttUrl(),
        end.rate(start, s -> s.sent), end.rate(start, s -> s.sentSamples), end.rate(start, s -> s.hubMessages),
        end.rate(start, s -> s.hubSamples), start.backlog(), end.backlog(),
        slope(backlog), queueMax, brokerStore == null ? -1 : storeMax,
        brokerStore == null ? (long) counted(hub.registry(), Meters.BROKER_DROPPED) : brokerStore.dropped(),
        drained.sentSamples - drained.hubSamples,
        rejected(hub.registry()), LatencyBook.quantile(sorted, 0.5), LatencyBook.quantile(sorted, 0.99),
        sorted.length == 0 ? -1 : sorted[sorted.length - 1], sorted.length, latencies.unmatched(),
        end.cpuCores(start, s -> s.processCpu), end.cpuCores(start, s -> s.generatorCpu),
        settings.brokerPid() > 0 ? end.cpuCores(start, s -> s.brokerCpu) : -1, end.machineBusy(start),
        (double) (heapAfter - heapBefore) / settings.persons() * 1000, start.load, loadAtEnd);
  }

  private TendConfig config(Path folder, Path plugins) {
    ObjectNode section = Json.MAPPER.createObjectNode();
    // A session of its own each run, removed after it: nothing queued by an earlier run comes in.
    section.put("clientId", hubClientId);
    section.put("sessionExpirySeconds", 60);
    if (settings.hubConnections() > 0) {
      section.put("connections", settings.hubConnections());
    }
    Map<String, JsonNode> sections = Map.of(PLUGIN, section);
    MqttConfig mqtt = new MqttConfig(settings.mqttUrl(), "127.0.0.1", 0, null, null, null, null, null, null);
    return new TendConfig(folder.resolve("data").toString(), new HttpConfig("127.0.0.1", 0), mqtt, plugins.toString(),
        sections, null, null, null, null, null, null, null, null);
  }

  /** Publishes on a topic the plugin takes and ignores (a prompt topic) until it counts a message. */
  private static void awaitSubscribed(MeterRegistry registry, BrokerSettings settings) throws Exception {
    URI broker = URI.create(settings.clientUrl());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    byte[] topic = "tend/wearable/bench-probe/probe/prompt".getBytes(StandardCharsets.US_ASCII);
    byte[] payload = "{}".getBytes(StandardCharsets.US_ASCII);
    try (RawPublisher probe = new RawPublisher(broker.getHost(), broker.getPort(), "tend-bench-probe",
        settings.username(), settings.password())) {
      while (counted(registry, Meters.MQTT_MESSAGES) == 0) {
        if (System.nanoTime() > until) {
          throw new IOException("the wearable-mqtt plugin took no message within 60 s: is it running?");
        }
        probe.publish(topic, payload, payload.length, 0);
        probe.flush();
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /** The sum of every counter of that name, whether counted in the registry or read from a function. */
  static double counted(MeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum()
        + registry.find(name).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
  }

  private static Map<String, Double> rejected(MeterRegistry registry) {
    Map<String, Double> byReason = new java.util.TreeMap<>();
    registry.find(Meters.WEARABLE_REJECTED).counters().forEach(counter -> {
      if (counter.count() > 0) {
        byReason.merge(counter.getId().getTag(Meters.TAG_REASON), counter.count(), Double::sum);
      }
    });
    return byReason;
  }

  /** Least-squares slope of backlog over time, messages per second. */
  private static double slope(List<long[]> points) {
    int n = points.size();
    if (n < 2) {
      return 0;
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (long[] p : points) {
      sx += p[0];
      sy += p[1];
      sxx += (double) p[0] * p[0];
      sxy += (double) p[0] * p[1];
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Counters read once a second. */
  private static final class Figures {
    private final MeterRegistry registry;
    private final LoadGenerator generator;
    private final long brokerPid;
    private final long probes;
    private Gauge queue;

    /** Counts from now on: the messages the hub took before (the probe's) are not the generator's. */
    Figures(MeterRegistry registry, LoadGenerator generator, long brokerPid) {
      this.registry = registry;
      this.generator = generator;
      this.brokerPid = brokerPid;
      this.probes = (long) counted(registry, Meters.MQTT_MESSAGES);
    }

    Snapshot snapshot() {
      if (queue == null) {
        queue = registry.find(Meters.WEARABLE_QUEUE).gauge();
      }
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new Snapshot(System.nanoTime(), generator.messages(), generator.samples(), generator.publishedSamples(),
          (long) counted(registry, Meters.MQTT_MESSAGES) - probes, (long) counted(registry, Meters.SAMPLES_RECEIVED),
          queue == null ? 0 : (long) queue.value(), os.getProcessCpuTime(), generator.cpuNanos(),
          brokerPid > 0 ? MachineCpu.processNanos(brokerPid) : 0, MachineCpu.read(), loadAverage());
    }
  }

  /** What was counted at one moment. */
  private record Snapshot(long nanos, long sent, long sentSamples, long publishedSamples, long hubMessages,
      long hubSamples, long queue, long processCpu, long generatorCpu, long brokerCpu, long[] machine, String load) {

    /** Samples on their way: published (acknowledged or not) and not yet through the hub. */
    long backlog() {
      return publishedSamples - hubSamples;
    }

    double secondsSince(Snapshot earlier) {
      return (nanos - earlier.nanos) / 1e9;
    }

    double rate(Snapshot earlier, java.util.function.ToLongFunction<Snapshot> counter) {
      return (counter.applyAsLong(this) - counter.applyAsLong(earlier)) / secondsSince(earlier);
    }

    double cpuCores(Snapshot earlier, java.util.function.ToLongFunction<Snapshot> cpu) {
      return (cpu.applyAsLong(this) - cpu.applyAsLong(earlier)) / (double) (nanos - earlier.nanos);
    }

    double machineBusy(Snapshot earlier) {
      return MachineCpu.busyShare(earlier.machine, machine);
    }
  }
}
