package app.tend.hub.cli;

import app.tend.hub.boot.DemoReporter;
import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigException;
import app.tend.hub.config.ConfigLoader;
import app.tend.hub.config.TendConfig;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.util.concurrent.Callable;

/** Runs the hub until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the hub (the default command).")
public final class RunCommand implements Callable<Integer> {

  static final Path DEFAULT_CONFIG = Path.of("config", "tend.yaml");

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "The configuration file (default: config/tend.yaml when it exists, else built-in defaults).")
  Path config;

  @Option(names = "--demo",
      description = "Also run the wearable simulator, so samples flow without a wearable, and report what happens.")
  boolean demo;

  @Override
  public Integer call() throws Exception {
    Hub hub;
    try {
      ConfigLoader.Loaded loaded = new ConfigLoader().load(configFile(), System.getenv());
      TendConfig config = withSimulator(loaded.config(), demo);
      hub = Hub.create(config, loaded.binder(), Clock.systemUTC(), System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("tend: config error: " + e.getMessage());
      return ConfigException.EXIT_CODE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        hub.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("tend: clean shutdown did not finish: " + e);
      } finally {
        stopped.countDown();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
          context.stop();
        }
      }
    }, "tend-shutdown"));
    try {
      hub.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      spec.commandLine().getErr().println("tend: cannot start: " + rootMessage(e));
      hub.stop();
      return 1;
    }
    if (demo) {
      new DemoReporter(hub).start();
    }
    stopped.await();
    return 0;
  }

  private Path configFile() {
    if (config != null) {
      return config;
    }
    return Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
  }

  /**
   * The simulator is part of the demo: it runs with {@code --demo} or when its section says {@code enabled: true},
   * never just because a person's own tend.yaml does not mention it (it would make suggestions for a fake person).
   */
  static TendConfig withSimulator(TendConfig config, boolean demo) {
    Map<String, JsonNode> sections = new LinkedHashMap<>(config.plugins());
    JsonNode existing = sections.get(DemoReporter.SIMULATOR);
    ObjectNode section = existing instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
    if (demo || !section.has("enabled")) {
      section.put("enabled", demo);
    }
    sections.put(DemoReporter.SIMULATOR, section);
    return config.withPlugins(sections);
  }

  /** The message of the first exception that is not just a wrapper of another. */
  private static String rootMessage(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
