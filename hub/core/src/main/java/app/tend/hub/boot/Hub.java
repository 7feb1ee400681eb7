package app.tend.hub.boot;

import app.tend.api.BrokerSettings;
import app.tend.api.PromptChannel;
import app.tend.hub.api.ApiResource;
import app.tend.hub.api.ApiRouter;
import app.tend.hub.api.ApiToken;
import app.tend.hub.api.EventsResource;
import app.tend.hub.api.HubResources;
import app.tend.hub.api.PluginsResource;
import app.tend.hub.api.RoutinesResource;
import app.tend.hub.api.StatusResource;
import app.tend.hub.broker.BrokerMonitor;
import app.tend.hub.broker.BrokerRole;
import app.tend.hub.broker.BrokerUsers;
import app.tend.hub.coach.CoachVerticle;
import app.tend.hub.runner.ExerciseRunner;
import app.tend.hub.store.Store;
import app.tend.hub.store.StoredBaselines;
import app.tend.hub.broker.EmbeddedBroker;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.MqttConfig;
import app.tend.hub.config.TendConfig;
import app.tend.hub.files.OwnerOnly;
import app.tend.hub.http.Dashboard;
import app.tend.hub.http.HttpServerVerticle;
import app.tend.hub.http.HubRoutes;
import app.tend.hub.http.PrometheusLint;
import app.tend.hub.plugin.PluginRuntime;
import app.tend.hub.routines.RoutineEngine;
import app.tend.hub.stress.StressModel;
import app.tend.hub.stress.StressService;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub: Vert.x with metrics, the MQTT broker (embedded or external), the plugins and the
 * HTTP server, wired together. {@link #start} brings them up in that order; {@link #stop} takes them
 * down in reverse.
 */
public final class Hub {

  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  /** The hub's version, as plugins' {@code Plugin-Requires} is checked against. */
  public static final String VERSION = "0.1.0";

  private final TendConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final BrokerSettings brokerSettings;
  private final EmbeddedBroker embeddedBroker;
  private final BrokerMonitor monitor;
  private final PluginRuntime plugins;
  private final CoreStages core;
  private StressService stress;
  private final JvmGcMetrics gcMetrics;
  private final Clock clock;
  private final ApiToken.Resolved apiToken;
  private final BrokerUsers brokerUsers;
  private HttpServerVerticle http;
  private String httpDeployment;
  private String stressDeployment;
  private volatile boolean stopped;

  private Hub(TendConfig config, ConfigBinder binder, Clock clock, Map<String, String> env) {
    this.config = config;
    this.clock = clock;
    this.apiToken = ApiToken.resolve(env, config.dataPath());
    MqttConfig mqtt = config.mqtt();
    this.brokerUsers = mqtt.embedded()
        ? BrokerUsers.resolve(config.dataPath().resolve(BrokerUsers.FOLDER), config.persons().keySet(),
            mqtt.user().map(name -> new BrokerUsers.User(name, BrokerRole.HUB, "", mqtt.password())))
        : null;
    this.core = new CoreStages(config, clock);
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new PrometheusLint());
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    this.gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.vertx = Vertx.builder()
        // Event-bus metrics look meters up for every message and every consumer: at tens of thousands of
        // samples a second that was a large share of the hub's CPU. Tend's own meters count what matters.
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    MessageCodecs.register(vertx.eventBus());

    if (mqtt.embedded()) {
      int port = mqtt.port() == 0 ? freePort() : mqtt.port();
      this.embeddedBroker = new EmbeddedBroker(vertx, new EmbeddedBroker.Settings(mqtt.host(), port,
          config.dataPath().resolve("broker"), mqtt.maxQueueSize(), mqtt.maxMessageBytes(), brokerUsers,
          mqtt.allowAnonymous()), registry);
      BrokerUsers.User hubUser = brokerUsers.hub();
      this.brokerSettings = new BrokerSettings(embeddedBroker.url(), Optional.of(hubUser.name()),
          Optional.of(hubUser.password()), Optional.empty(), true, mqtt.maxMessageBytes());
    } else {
      this.embeddedBroker = null;
      this.brokerSettings = new BrokerSettings(mqtt.url(), mqtt.user(),
          mqtt.password().isEmpty() ? Optional.empty() : Optional.of(mqtt.password()),
          mqtt.caFile().isEmpty() ? Optional.empty() : Optional.of(mqtt.caFile()), false, mqtt.maxMessageBytes());
    }
    this.monitor = new BrokerMonitor(vertx, brokerSettings, registry);
    this.plugins = new PluginRuntime(vertx, registry, new PluginRuntime.Settings(
        config.pluginPath(), config.dataPath(), config.plugins(), binder, clock, brokerSettings, VERSION));
  }

  /**
   * Creates the hub and checks every plugin's configuration; nothing is started yet.
   *
   * @param env the environment ({@code System.getenv()} in production), for the API token
   * @throws app.tend.hub.config.ConfigException when a plugin section is wrong
   */
  public static Hub create(TendConfig config, ConfigBinder binder, Clock clock, Map<String, String> env) {
    try {
      OwnerOnly.createDirectories(config.dataPath());
      tightened(config.dataPath(), OwnerOnly.tighten(config.dataPath()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + config.dataPath() + " or make it owner-only: "
          + e, e);
    }
    Hub hub = new Hub(config, binder, clock, env);
    try {
      hub.plugins.load();
    } catch (RuntimeException e) {
      hub.vertx.close();
      throw e;
    }
    return hub;
  }

  /**
   * Starts the broker, the store, coach and schedule, the stress engine, the HTTP server, then the
   * plugins. Fails only when the broker, the store, the stress engine or the HTTP server cannot start.
   */
  public Future<Hub> start() {
    Future<Void> broker = embeddedBroker == null ? Future.succeededFuture() : embeddedBroker.start();
    return broker
        .compose(ignored -> monitor.start())
        .compose(ignored -> core.start(vertx, registry, plugins))
        .compose(ignored -> {
          stress = new StressService(config.stress(), StressModel.shipped(), new StoredBaselines(core.store(), clock),
              registry);
          return vertx.deployVerticle(stress);
        })
        .compose(deployment -> {
          stressDeployment = deployment;
          return ApiRouter.create(vertx, apiToken.value(), clock, apiResources());
        })
        .compose(router -> {
          router.route("/plugins/*").subRouter(plugins.router());
          new HubRoutes(registry, plugins, monitor::isUp, core.store()::writable).mount(router);
          Dashboard.mount(router);
          http = new HttpServerVerticle(router, config.http().host(), config.http().port());
          return vertx.deployVerticle(http);
        })
        .compose(deployment -> {
          httpDeployment = deployment;
          log.info("HTTP on http://{}:{}", config.http().host(), http.actualPort());
          return plugins.startAll();
        })
        .compose(ignored -> core.pluginsStarted(vertx, plugins))
        .map(ignored -> this);
  }

  private List<ApiResource> apiResources() {
    List<ApiResource> resources = new ArrayList<>(List.of(
        new StatusResource(VERSION, clock, brokerSettings, monitor::isUp, core.store()::writable, plugins),
        new PluginsResource(plugins),
        new RoutinesResource(core.routines()),
        new EventsResource(vertx)));
    resources.addAll(HubResources.create(new HubResources.Parts(vertx, config, clock, core.store(), core.latest(),
        core.schedule(), core.coach(), core.catalogue(), () -> plugins.extensions(PromptChannel.class).stream()
            .map(PromptChannel::channel).collect(Collectors.toCollection(TreeSet::new)), stress, core.runner())));
    return resources;
  }

  /** Stops everything in reverse order; safe to call more than once. */
  public Future<Void> stop() {
    if (stopped) {
      return Future.succeededFuture();
    }
    stopped = true;
    log.info("Stopping the hub");
    return plugins.stopAll()
        .eventually(() -> httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment))
        .eventually(() -> stressDeployment == null ? Future.succeededFuture() : vertx.undeploy(stressDeployment))
        .eventually(monitor::close)
        .eventually(core::stop)
        .eventually(() -> embeddedBroker == null ? Future.succeededFuture() : embeddedBroker.stop())
        .eventually(() -> {
          gcMetrics.close();
          return vertx.close();
        })
        .onComplete(result -> log.info("Hub stopped"));
  }

  public Vertx vertx() {
    return vertx;
  }

  public PluginRuntime plugins() {
    return plugins;
  }

  public BrokerSettings broker() {
    return brokerSettings;
  }

  /** The embedded broker's users; empty with an external broker. */
  public Optional<BrokerUsers> brokerUsers() {
    return Optional.ofNullable(brokerUsers);
  }

  public boolean brokerUp() {
    return monitor.isUp();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The HTTP port the hub listens on. */
  public int httpPort() {
    return http == null ? -1 : http.actualPort();
  }

  /** The bearer token the API requires, and how a shell reads it. */
  public ApiToken.Resolved apiToken() {
    return apiToken;
  }

  public TendConfig config() {
    return config;
  }

  /** The store, once started. */
  public Store store() {
    return core.store();
  }

  /** The coach, once started. */
  public CoachVerticle coach() {
    return core.coach();
  }

  /** The exercise runner, once started: {@code start(person, exerciseId, channel, suggestionId)} for the API. */
  public ExerciseRunner runner() {
    return core.runner();
  }

  /** The routine engine, once started. */
  public RoutineEngine routines() {
    return core.routines();
  }

  /** Says once what an older version left readable by other users of the machine. */
  private static void tightened(Path folder, List<Path> changed) {
    if (!changed.isEmpty()) {
      List<String> names = changed.stream().limit(10).map(path -> folder.relativize(path).toString())
          .map(name -> name.isEmpty() ? "." : name).toList();
      String more = changed.size() > names.size() ? ", ..." : "";
      log.warn("Data folder {}: {} files and folders could be read by other users of this machine, now only by this "
          + "one: {}{}", folder, changed.size(), String.join(", ", names), more);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for the embedded broker", e);
    }
  }
}
