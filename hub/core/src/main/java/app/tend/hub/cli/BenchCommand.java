package app.tend.hub.cli;

import app.tend.hub.bench.Bench;
import app.tend.hub.bench.BenchReport;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** An end-to-end benchmark: simulated wearables through a broker into a hub in this JVM. Prints figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "End-to-end benchmark: N simulated wearables publish Tend's own format through a broker into a hub running",
        "in this JVM (the real wearable-mqtt plugin jar, the stress engine and every other stage). Prints messages and",
        "samples per second through the hub, whether the backlog grew, publish-to-state latency (p50, p99), CPU, heap",
        "per 1,000 persons and the load average. Embedded HiveMQ CE unless --mqtt names a broker, e.g. one started with",
        "'mosquitto -p 1884' (then --mqtt tcp://127.0.0.1:1884)."})
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--persons", defaultValue = "1000", description = "Simulated wearables (default: ${DEFAULT-VALUE}).")
  int persons;

  @Option(names = "--rate", defaultValue = "10000",
      description = "Messages per second in all; 0 = as fast as the broker takes them (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seconds", defaultValue = "30", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "15", description = "Seconds of warm-up before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--batch", defaultValue = "1",
      description = "Samples per message; above 1 publishes Tend's batch format (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--qos", defaultValue = "1", description = "QoS of the published messages, 0 or 1 (default: ${DEFAULT-VALUE}).")
  int qos;

  @Option(names = "--mqtt", paramLabel = "URL", description = "An external broker, tcp://host:port (default: the embedded one).")
  String mqtt;

  @Option(names = "--plugin", paramLabel = "JAR",
      description = "The wearable-mqtt plugin jar (default: plugins/wearable-mqtt/target/wearable-mqtt-*.jar, else plugins/wearable-mqtt-*.jar).")
  Path plugin;

  @Option(names = "--connections", defaultValue = "4", description = "The generator's MQTT connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--hub-connections", defaultValue = "0",
      description = "The plugin's connections key (shared subscriptions); 0 keeps the plugin's default (default: ${DEFAULT-VALUE}).")
  int hubConnections;

  @Option(names = "--window", defaultValue = "5000",
      description = "Most unacknowledged QoS 1 messages per generator connection (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--broker-pid", paramLabel = "PID", defaultValue = "0",
      description = "The process id of the --mqtt broker, to report its CPU time too (e.g. $(pgrep -n mosquitto)).")
  long brokerPid;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkOptions();
    if (problem != null) {
      err.println("tend: bench: " + problem);
      return TendCommand.BAD_INPUT;
    }
    Optional<Path> jar = plugin != null ? Optional.of(plugin) : findPlugin();
    if (jar.isEmpty() || !Files.isRegularFile(jar.get())) {
      err.println("tend: bench: no wearable-mqtt plugin jar " + (plugin != null ? "at " + plugin
          : "in plugins/wearable-mqtt/target or plugins/ (build it with 'mvn -B -DskipTests package', or pass --plugin JAR)"));
      return TendCommand.BAD_INPUT;
    }
    Level before = quietLogs(Level.WARN);
    try {
      BenchReport report = new Bench(new Bench.Settings(mqtt, jar.get(), persons, rate, batch, qos, connections,
          hubConnections, window, warmup, seconds, brokerPid), err).run();
      report.print(out);
    } finally {
      quietLogs(before);
    }
    return 0;
  }

  private String checkOptions() {
    if (persons < 1 || persons > 99_999) {
      return "--persons must be 1 to 99999, got " + persons;
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      return "--rate must be 0 or more messages per second, got " + rate;
    }
    if (seconds < 1 || warmup < 0) {
      return "--seconds must be at least 1 and --warmup at least 0";
    }
    if (batch < 1 || batch > 1000) {
      return "--batch must be 1 to 1000, got " + batch;
    }
    if (qos < 0 || qos > 1) {
      return "--qos must be 0 or 1, got " + qos;
    }
    if (connections < 1 || connections > 64 || connections > persons) {
      return "--connections must be 1 to 64 and at most --persons, got " + connections;
    }
    if (hubConnections < 0 || hubConnections > 16) {
      return "--hub-connections must be 0 to 16, got " + hubConnections;
    }
    if (window < 1 || window > 30_000) {
      return "--window must be 1 to 30000, got " + window;
    }
    if (mqtt != null && !mqtt.matches("tcp://[^/:\\s]+:\\d{1,5}")) {
      return "--mqtt must be tcp://host:port, got '" + mqtt + "'";
    }
    return null;
  }

  private static Optional<Path> findPlugin() throws IOException {
    for (Path folder : List.of(Path.of("plugins", "wearable-mqtt", "target"), Path.of("plugins"))) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          Optional<Path> jar = files.filter(p -> p.getFileName().toString().matches("wearable-mqtt-.*\\.jar")).findFirst();
          if (jar.isPresent()) {
            return jar;
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Sets the root log level and returns the one before: the hub's own log lines would drown the figures, while
   * warnings about a broken run still show.
   */
  private static Level quietLogs(Level level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      Level before = root.getLevel();
      root.setLevel(level);
      return before;
    }
    return level;
  }
}
