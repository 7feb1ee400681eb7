package app.tend.hub.plugin;

import app.tend.api.BrokerSettings;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.SignalSource;
import app.tend.api.TendExtension;
import app.tend.api.TendPlugin;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, starts and stops plugins, and keeps each one's state. A plugin that fails (to load, to
 * resolve, to start or stop, or in any callback) is marked FAILED with its cause and isolated; the
 * hub and every other plugin keep running. Plugins' HTTP routes hang below {@link #router()}, which the
 * hub mounts at {@code /plugins/}.
 *
 * <p>A plugin's lifecycle operations (start, stop, restart, enable, disable, and stopping it when it failed)
 * run one after another, each once the one before has ended: a restart never overlaps a stop or another
 * restart, and what an operation answers is the plugin as that operation left it. A restart asked for while one
 * is already waiting its turn joins that one.
 */
public final class PluginRuntime {

  private static final Logger log = LoggerFactory.getLogger(PluginRuntime.class);
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final long STOP_TIMEOUT_SECONDS = 10;

  /** Everything the runtime needs from the hub. */
  public record Settings(
      Path folder,
      Path dataDir,
      Map<String, JsonNode> sections,
      ConfigBinder binder,
      Clock clock,
      BrokerSettings broker,
      String hubVersion) {}

  private final Vertx vertx;
  private final MeterRegistry meters;
  private final Router router;
  private final Settings settings;
  private final TendPluginManager manager;
  private final Map<String, Hosted> hosted = new LinkedHashMap<>();
  private final Map<String, HostedPluginContext> contexts = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  /** Where lifecycle operations run, so plugins are deployed at the top, never as children of a caller's verticle. */
  private final Context lifecycle;

  /** Made off Vert.x's threads (at boot), so its lifecycle operations run on a context of its own. */
  public PluginRuntime(Vertx vertx, MeterRegistry meters, Settings settings) {
    this.vertx = vertx;
    this.meters = meters;
    this.lifecycle = vertx.getOrCreateContext();
    this.router = Router.router(vertx);
    this.settings = settings;
    Set<String> disabled = new LinkedHashSet<>();
    settings.sections().forEach((id, section) -> {
      if (!flag(section, id, "enabled", true)) {
        disabled.add(id);
      }
    });
    this.manager = new TendPluginManager(settings.folder(), disabled, this::contextOf, settings.hubVersion());
    for (PluginState state : PluginState.values()) {
      Gauge.builder(Meters.PLUGINS, () -> hosted.values().stream().filter(h -> h.state == state).count())
          .description("Plugins by state")
          .tag("state", state.name())
          .register(meters);
    }
  }

  /**
   * Finds and loads every plugin, creates the enabled ones and binds their configuration.
   *
   * @throws ConfigException when a plugin's section has an unknown key or a bad value, or names no installed plugin
   */
  public void load() {
    Map<String, PluginDescriptor> candidates = new LinkedHashMap<>();
    for (Path path : manager.repository().getPluginPaths()) {
      try {
        PluginDescriptor descriptor = manager.descriptorFinder().find(path);
        candidates.put(descriptor.getPluginId(), descriptor);
      } catch (RuntimeException e) {
        String name = path.getFileName().toString().replaceFirst("\\.jar$", "");
        Hosted h = new Hosted(name, "", false);
        markFailed(h, "not a plugin (" + path + "): " + rootMessage(e));
        hosted.put(name, h);
      }
    }
    manager.loadPlugins();

    for (PluginDescriptor descriptor : candidates.values()) {
      String id = descriptor.getPluginId();
      Hosted h = new Hosted(id, descriptor.getVersion(), flag(settings.sections().get(id), id, "required", false));
      hosted.put(id, h);
      PluginWrapper wrapper = manager.getPlugin(id);
      if (wrapper == null) {
        markFailed(h, whyNotLoaded(descriptor, candidates.keySet()));
        continue;
      }
      h.wrapper = wrapper;
      boolean disabled = wrapper.getPluginState() == org.pf4j.PluginState.DISABLED;
      TendPlugin plugin;
      try {
        plugin = (TendPlugin) wrapper.getPlugin();
      } catch (RuntimeException | LinkageError e) {
        markFailed(h, e);
        continue;
      }
      // A disabled plugin's settings are checked too, so enabling it later cannot meet a typo.
      ObjectNode section = ownKeys(settings.sections().get(id));
      Record config = settings.binder().bind(section, plugin.configType(), "plugins." + id);
      contextOf(id).setConfig(config);
      if (disabled) {
        h.state = PluginState.DISABLED;
      }
    }

    Set<String> installed = hosted.keySet();
    for (String id : settings.sections().keySet()) {
      if (!installed.contains(id)) {
        throw new ConfigException("plugins." + id + ": no plugin with this id is installed in "
            + settings.folder() + " (installed: " + (installed.isEmpty() ? "none" : String.join(", ", installed)) + ")");
      }
    }
  }

  /** Starts every loaded, enabled plugin, dependencies first. Never fails: failed plugins are marked so. */
  public Future<Void> startAll() {
    Future<Void> chain = Future.succeededFuture();
    for (PluginWrapper wrapper : List.copyOf(manager.getResolvedPlugins())) {
      Hosted h = hosted.get(wrapper.getPluginId());
      if (h != null && h.state == PluginState.CREATED) {
        chain = chain.compose(ignored -> serially(h, () -> h.state == PluginState.CREATED && !stopping
            ? start(h) : Future.succeededFuture()));
      }
    }
    return chain;
  }

  /**
   * Stops every plugin, one by one, in the reverse order of starting, each after whatever operation it was
   * in; no plugin starts after this.
   */
  public Future<Void> stopAll() {
    stopping = true;
    List<Hosted> order = new ArrayList<>(startOrder);
    Collections.reverse(order);
    // A plugin between the stop and the start of a restart is in no start order, and must stop too.
    hosted.values().stream().filter(h -> !order.contains(h)).forEach(order::add);
    Future<Void> chain = Future.succeededFuture();
    for (Hosted h : order) {
      chain = chain.compose(ignored -> serially(h, () -> stop(h, PluginState.STOPPED)));
    }
    return chain;
  }

  /**
   * Stops a started plugin and starts it again; a failed one gets another chance. Waits for the plugin's
   * operation under way; joins a restart already waiting for it.
   */
  public Future<PluginInfo> restart(String id) {
    Hosted h = require(id);
    Promise<PluginInfo> restarted = Promise.promise();
    synchronized (h) {
      if (h.waitingRestart != null) {
        return h.waitingRestart;
      }
      h.waitingRestart = restarted.future();
    }
    serially(h, () -> {
      synchronized (h) {
        h.waitingRestart = null;
      }
      if (stopping || h.wrapper == null || h.state == PluginState.DISABLED) {
        return Future.failedFuture(new IllegalStateException("plugin " + id + " cannot be restarted "
            + (stopping ? "while the hub stops" : "in state " + h.state)));
      }
      return stop(h, PluginState.STOPPED).compose(ignored -> {
        h.cause = "";
        return start(h);
      }).map(ignored -> h.info());
    }).onComplete(restarted);
    return restarted.future();
  }

  /** Starts a disabled (or stopped) plugin, until the hub restarts; after the plugin's operation under way. */
  public Future<PluginInfo> enable(String id) {
    Hosted h = require(id);
    return serially(h, () -> {
      if (h.state == PluginState.STARTED) {
        return Future.succeededFuture(h.info());
      }
      if (stopping) {
        return Future.failedFuture(new IllegalStateException(
            "plugin " + id + " cannot be enabled while the hub stops"));
      }
      if (h.wrapper == null || (h.state != PluginState.DISABLED && h.state != PluginState.STOPPED)) {
        return Future.failedFuture(new IllegalStateException("plugin " + id + " is " + h.state
            + (h.cause.isEmpty() ? "" : " (" + h.cause + ")") + "; only a disabled or stopped plugin can be enabled"));
      }
      if (h.wrapper.getPluginState() == org.pf4j.PluginState.DISABLED && !manager.enablePlugin(id)) {
        return Future.failedFuture(new IllegalStateException("PF4J refused to enable plugin " + id));
      }
      h.state = PluginState.CREATED;
      h.cause = "";
      return start(h).map(ignored -> h.info());
    });
  }

  /**
   * Stops a plugin and keeps it from starting, until the hub restarts; its extensions are first told
   * ({@link TendExtension#disabling()}), so they can withdraw what they announced elsewhere.
   */
  public Future<PluginInfo> disable(String id) {
    Hosted h = require(id);
    return serially(h, () -> {
      if (h.wrapper == null) {
        return Future.failedFuture(new IllegalStateException("plugin " + id + " was never loaded: " + h.cause));
      }
      PluginVerticle verticle = h.verticle;
      Future<Void> withdrawn = verticle == null || h.deploymentId == null ? Future.succeededFuture()
          : verticle.disabling().timeout(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS).recover(failure -> {
            log.warn("Plugin {} did not withdraw within {} s; disabling it anyway", id, STOP_TIMEOUT_SECONDS);
            return Future.succeededFuture();
          });
      return withdrawn.compose(ignored -> stop(h, PluginState.DISABLED)).map(ignored -> {
        manager.disablePlugin(id);
        h.state = PluginState.DISABLED;
        h.cause = "";
        return h.info();
      });
    });
  }

  /** The router of every plugin's routes, each under {@code /<id>/}; mounted by the hub at {@code /plugins/}. */
  public Router router() {
    return router;
  }

  /** Every plugin the hub knows of, in load order. */
  public List<PluginInfo> plugins() {
    return hosted.values().stream().map(Hosted::info).toList();
  }

  /** One plugin, if known. */
  public Optional<PluginInfo> plugin(String id) {
    return Optional.ofNullable(hosted.get(id)).map(Hosted::info);
  }

  /**
   * True when a plugin marked {@code required: true} is not running, or its signal source says it cannot take
   * samples in ({@link #requiredIntakeProblems()}).
   */
  public boolean requiredPluginDown() {
    return !requiredPluginsDown().isEmpty() || !requiredIntakeProblems().isEmpty();
  }

  /**
   * The required, started plugins whose signal source says it cannot take samples in
   * ({@link SignalSource#intakeProblem()}), each with why.
   */
  public Map<String, String> requiredIntakeProblems() {
    Map<String, String> problems = new LinkedHashMap<>();
    for (Hosted h : hosted.values()) {
      if (h.required) {
        h.intakeProblem().ifPresent(problem -> problems.put(h.id, problem));
      }
    }
    return problems;
  }

  /** The ids of required plugins that are not running. */
  public List<String> requiredPluginsDown() {
    return hosted.values().stream().filter(h -> h.required && h.state != PluginState.STARTED).map(h -> h.id).toList();
  }

  /** The started extensions of a type, across all running plugins. */
  public <T extends TendExtension> List<T> extensions(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Hosted h : hosted.values()) {
      if (h.state == PluginState.STARTED) {
        h.extensions.stream().filter(type::isInstance).map(type::cast).forEach(found::add);
      }
    }
    return found;
  }

  /**
   * Calls into a plugin's extension; if the call throws, the plugin is marked FAILED and stopped and
   * the caller gets a failed future. A failed future from the extension is passed on as it is.
   */
  public <R> Future<R> call(TendExtension extension, Supplier<Future<R>> call) {
    try {
      Future<R> result = call.get();
      return result != null ? result : Future.failedFuture("extension returned no future");
    } catch (Throwable t) {
      ownerOf(extension).ifPresent(id -> fail(id, t));
      return Future.failedFuture(t);
    }
  }

  /**
   * Marks a running plugin FAILED with this cause and stops it, after the plugin's operation under way; unless
   * that operation started it again, so the failure was of the run before.
   */
  public void fail(String id, Throwable cause) {
    Hosted h = hosted.get(id);
    if (h == null || h.state != PluginState.STARTED) {
      return;
    }
    int run = h.run;
    serially(h, () -> {
      if (h.state != PluginState.STARTED || h.run != run) {
        return Future.succeededFuture();
      }
      markFailed(h, cause);
      return stop(h, PluginState.FAILED);
    });
  }

  /** The plugin a running extension belongs to. */
  public Optional<String> ownerOf(Object extension) {
    return hosted.values().stream().filter(h -> h.extensions.contains(extension)).map(h -> h.id).findFirst();
  }

  // ---------------------------------------------------------------------------------------------

  private final List<Hosted> startOrder = Collections.synchronizedList(new ArrayList<>());

  /** Runs a lifecycle operation of the plugin once the one before it has ended, however that ended. */
  private <T> Future<T> serially(Hosted h, Supplier<Future<T>> operation) {
    Promise<T> done = Promise.promise();
    Future<Void> previous;
    synchronized (h) {
      previous = h.lastOperation;
      h.lastOperation = done.future().transform(ignored -> Future.succeededFuture());
    }
    previous.onComplete(ignored -> lifecycle.runOnContext(go -> {
      Future<T> result;
      try {
        result = operation.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(done);
    }));
    return done.future();
  }

  private Future<Void> start(Hosted h) {
    List<String> failedDependencies = h.wrapper.getDescriptor().getDependencies().stream()
        .filter(d -> !d.isOptional())
        .map(PluginDependency::getPluginId)
        .filter(dep -> hosted.get(dep) == null || hosted.get(dep).state != PluginState.STARTED)
        .toList();
    if (!failedDependencies.isEmpty()) {
      markFailed(h, "depends on " + String.join(", ", failedDependencies) + ", which did not start");
      return Future.succeededFuture();
    }
    String id = h.id;
    h.run++;
    PluginVerticle verticle = new PluginVerticle(id, () -> {
      org.pf4j.PluginState state = manager.startPlugin(id);
      if (state != org.pf4j.PluginState.STARTED) {
        Throwable cause = h.wrapper.getFailedException();
        throw cause instanceof Exception e ? e : new IllegalStateException("start() left it " + state, cause);
      }
      return manager.getExtensions(id).stream()
          .filter(TendExtension.class::isInstance).map(TendExtension.class::cast).toList();
    }, () -> {
      if (h.wrapper.getPluginState() == org.pf4j.PluginState.STARTED) {
        manager.stopPlugin(id);
      }
      manager.contextExtensionFactory().forget(h.wrapper.getPluginClassLoader());
    });
    Future<String> deployed = vertx.deployVerticle(verticle);
    return deployed
        .timeout(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .<Void>map(deploymentId -> {
          h.deploymentId = deploymentId;
          h.verticle = verticle;
          h.extensions = verticle.extensions();
          h.state = PluginState.STARTED;
          startOrder.add(h);
          log.info("Plugin {} {} started ({})", id, h.version, h.extensionNames());
          return null;
        })
        .recover(failure -> {
          markFailed(h, failure);
          // A start that outlived its timeout is undone when it ends, or it would run on unseen.
          deployed.onSuccess(late -> vertx.undeploy(late));
          HostedPluginContext context = contextOf(id);
          context.removeMeters();
          return context.cancelSubscriptions();
        });
  }

  private Future<Void> stop(Hosted h, PluginState after) {
    String deploymentId = h.deploymentId;
    if (deploymentId == null) {
      return Future.succeededFuture();
    }
    h.deploymentId = null;
    startOrder.remove(h);
    return vertx.undeploy(deploymentId)
        .timeout(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .eventually(() -> {
          HostedPluginContext context = contextOf(h.id);
          context.removeMeters();
          return context.cancelSubscriptions();
        })
        .<Void>map(ignored -> {
          if (h.state != PluginState.FAILED) {
            h.state = after;
            log.info("Plugin {} stopped", h.id);
          }
          h.extensions = List.of();
          return null;
        })
        .recover(failure -> {
          h.extensions = List.of();
          markFailed(h, failure);
          return Future.succeededFuture();
        });
  }

  private HostedPluginContext contextOf(String id) {
    return contexts.computeIfAbsent(id, pluginId -> {
      Router pluginRouter = Router.router(vertx);
      pluginRouter.route().failureHandler(ctx -> {
        if (ctx.failure() != null) {
          fail(pluginId, ctx.failure());
        }
        ctx.next();
      });
      router.route("/" + pluginId + "/*").handler(ctx -> {
        Hosted h = hosted.get(pluginId);
        if (h != null && h.state == PluginState.STARTED) {
          ctx.next();
        } else {
          ctx.fail(503, new IllegalStateException("plugin " + pluginId + " is not running"));
        }
      }).subRouter(pluginRouter);
      return new HostedPluginContext(pluginId, vertx, meters, settings.clock(),
          settings.dataDir().resolve("plugins").resolve(pluginId), pluginRouter, settings.broker(),
          cause -> vertx.runOnContext(ignored -> fail(pluginId, cause)));
    });
  }

  private Hosted require(String id) {
    Hosted h = hosted.get(id);
    if (h == null) {
      throw new IllegalArgumentException("no plugin '" + id + "'");
    }
    return h;
  }

  private void markFailed(Hosted h, Throwable cause) {
    if (h.wrapper != null) {
      h.wrapper.setFailedException(cause);
    }
    markFailed(h, rootMessage(cause), cause);
  }

  private void markFailed(Hosted h, String cause) {
    markFailed(h, cause, null);
  }

  private void markFailed(Hosted h, String cause, Throwable error) {
    h.state = PluginState.FAILED;
    h.cause = cause;
    if (h.wrapper != null) {
      h.wrapper.setPluginState(org.pf4j.PluginState.FAILED);
    }
    meters.counter(Meters.PLUGINS_FAILED, Meters.TAG_PLUGIN, h.id).increment();
    log.error("Plugin {} is FAILED: {}", h.id, cause, error);
  }

  private String whyNotLoaded(PluginDescriptor descriptor, Set<String> available) {
    List<String> missing = descriptor.getDependencies().stream()
        .filter(d -> !d.isOptional())
        .map(PluginDependency::getPluginId)
        .filter(dep -> !available.contains(dep) || manager.getPlugin(dep) == null)
        .toList();
    if (!missing.isEmpty()) {
      return "missing dependency: needs plugin " + String.join(", ", missing) + ", which is not installed or could not be loaded";
    }
    return "could not be loaded; see the log for PF4J's reason (a duplicate id, or Plugin-Requires not met by hub "
        + settings.hubVersion() + ")";
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    String outer = t.getMessage() == null ? "" : t.getMessage();
    // Vert.x's Future.failedFuture(String) makes a stackless throwable whose class name says nothing.
    String rootText = root.getStackTrace().length == 0
        ? message : root.getClass().getSimpleName() + ": " + message;
    if (root == t) {
      return rootText;
    }
    return outer.contains(message) ? outer : outer + " (" + rootText + ")";
  }

  private static boolean flag(JsonNode section, String id, String key, boolean fallback) {
    if (section == null || !section.has(key) || section.get(key).isNull()) {
      return fallback;
    }
    JsonNode value = section.get(key);
    if (!value.isBoolean()) {
      throw new ConfigException("plugins." + id + "." + key + ": '" + value.asText()
          + "' is not valid: expected true or false");
    }
    return value.booleanValue();
  }

  private static ObjectNode ownKeys(JsonNode section) {
    ObjectNode own = section instanceof ObjectNode object ? object.deepCopy() : new com.fasterxml.jackson.databind.node.ObjectNode(
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
    own.remove("enabled");
    own.remove("required");
    return own;
  }

  private static final class Hosted {
    final String id;
    final String version;
    final boolean required;
    volatile PluginWrapper wrapper;
    volatile PluginState state = PluginState.CREATED;
    volatile String cause = "";
    volatile String deploymentId;
    volatile PluginVerticle verticle;
    volatile List<TendExtension> extensions = List.of();
    /** How often it was started: a failure reported by an earlier run is not held against this one. */
    volatile int run;
    // Guarded by this: the last lifecycle operation, and a restart waiting its turn.
    Future<Void> lastOperation = Future.succeededFuture();
    Future<PluginInfo> waitingRestart;

    Hosted(String id, String version, boolean required) {
      this.id = id;
      this.version = version;
      this.required = required;
    }

    String extensionNames() {
      return extensions.stream()
          .flatMap(e -> java.util.Arrays.stream(e.getClass().getInterfaces()))
          .filter(TendExtension.class::isAssignableFrom)
          .map(Class::getSimpleName)
          .distinct()
          .collect(Collectors.joining(", "));
    }

    /** What a started plugin's signal sources say keeps them from taking samples in; a check that throws says so. */
    Optional<String> intakeProblem() {
      if (state != PluginState.STARTED) {
        return Optional.empty();
      }
      for (TendExtension extension : extensions) {
        if (extension instanceof SignalSource source) {
          try {
            Optional<String> problem = source.intakeProblem();
            if (problem != null && problem.isPresent()) {
              return problem;
            }
          } catch (RuntimeException | LinkageError e) {
            return Optional.of(extension.getClass().getSimpleName() + ".intakeProblem() threw " + e);
          }
        }
      }
      return Optional.empty();
    }

    PluginInfo info() {
      List<String> points = extensionNames().isEmpty() ? List.of() : List.of(extensionNames().split(", "));
      return new PluginInfo(id, version, state, cause, required, points, intakeProblem().orElse(""));
    }
  }

  /** For tests and the context: the context of a plugin. */
  PluginContext context(String id) {
    return contextOf(id);
  }
}
