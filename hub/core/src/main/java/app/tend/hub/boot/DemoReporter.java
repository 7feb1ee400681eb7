package app.tend.hub.boot;

import app.tend.api.Addresses;
import app.tend.api.message.SignalKind;
import app.tend.api.message.StressState;
import app.tend.hub.bus.SampleConsumers;
import app.tend.hub.plugin.PluginInfo;
import app.tend.hub.plugin.PluginState;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** For {@code run --demo}: says where everything is, then what flows, every few seconds. */
public final class DemoReporter {

  /** The simulator plugin's id. */
  public static final String SIMULATOR = "wearable-simulator";

  private static final Logger log = LoggerFactory.getLogger("tend.demo");
  private static final long EVERY_MS = 5_000;

  private final Hub hub;
  private final Map<SignalKind, Long> counts = new EnumMap<>(SignalKind.class);
  private final TreeSet<String> persons = new TreeSet<>();
  private final Map<String, StressState> latest = new TreeMap<>();

  public DemoReporter(Hub hub) {
    this.hub = hub;
  }

  /** Prints the welcome, then registers the consumers and the periodic report. */
  public void start() {
    String base = "http://" + reachable(hub.config().http().host()) + ":" + hub.httpPort();
    log.info("Tend is running.");
    log.info("  MQTT broker: {} ({})", hub.broker().url(), hub.broker().embedded() ? "embedded HiveMQ CE" : "external");
    hub.brokerUsers().ifPresent(users -> {
      log.info("  MQTT users:  {} (each one's password is the file of its name in {})",
          String.join(", ", new TreeSet<>(users.all().keySet())), users.folder());
      URI broker = URI.create(hub.broker().clientUrl());
      log.info("  a bridge:    mosquitto_pub -h {} -p {} -u bridge -P \"{}\" -t tend/wearable/PERSON/DEVICE/hr -m "
          + "'{\"t\":UNIX_MS,\"v\":72}'", broker.getHost(), broker.getPort(), users.shellPassword("bridge"));
    });
    for (PluginInfo plugin : hub.plugins().plugins()) {
      log.info("  plugin {} {}: {}{}", plugin.id(), plugin.version(), plugin.state(),
          plugin.cause().isEmpty() ? "" : " (" + plugin.cause() + ")");
    }
    log.info("  health:    {}/health", base);
    log.info("  metrics:   {}/metrics", base);
    log.info("  dashboard: {}/#token={}", base, URLEncoder.encode(hub.apiToken().value(), StandardCharsets.UTF_8).replace("+", "%20"));
    log.info("  API:       curl -H \"Authorization: Bearer {}\" {}/api/status", hub.apiToken().shellValue(), base);
    boolean simulating = hub.plugins().plugin(SIMULATOR).map(p -> p.state() == PluginState.STARTED).orElse(false);
    log.info(simulating
        ? "  The wearable simulator publishes a calm stretch, a stress episode and a walk over MQTT; stop with Ctrl-C."
        : "  The wearable simulator is not running; see the plugin states above.");
    SampleConsumers.register(hub.vertx().eventBus(), sample -> {
      counts.merge(sample.kind(), 1L, Long::sum);
      persons.add(sample.person());
    });
    hub.vertx().eventBus().<StressState>consumer(Addresses.STRESS.name(),
        message -> latest.put(message.body().person(), message.body()));
    hub.vertx().setPeriodic(EVERY_MS, id -> report());
  }

  /** The address to show: the loopback one when the hub listens on every address. */
  private static String reachable(String host) {
    return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
  }

  private void report() {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      log.info("No samples in the last {} s yet.", EVERY_MS / 1000);
      return;
    }
    String byKind = counts.entrySet().stream()
        .map(e -> e.getKey().wireName() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    log.info("Samples in the last {} s: {} ({}) from {}", EVERY_MS / 1000, total, byKind, persons);
    latest.values().forEach(state -> log.info("  {}: stress {} ({}), score {}: {}",
        state.person(), state.level(), String.format("%.0f%% sure", state.confidence() * 100), state.score(), state.reason()));
    counts.clear();
    persons.clear();
  }
}
