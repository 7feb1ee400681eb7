package app.tend.hub.plugin;

import app.tend.testkit.PluginJarBuilder;
import java.nio.file.Path;

/** Plugins for tests, compiled into jars on the fly. */
final class TestPlugins {

  /** A plugin whose signal source starts, counts samples it hears and republishes intents as samples. */
  static Path good(Path folder, String id) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", """
            package %1$s;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
              @Override public Class<? extends Record> configType() { return Settings.class; }
            }
            """.formatted(pkg))
        .source(pkg + ".Settings", """
            package %1$s;
            public record Settings(Integer everyMinutes) {
              public Settings {
                everyMinutes = app.tend.api.ConfigChecks.intIn("everyMinutes", everyMinutes, 5, 1, 60);
              }
            }
            """.formatted(pkg))
        .source(pkg + ".Echo", """
            package %1$s;
            import app.tend.api.*;
            import app.tend.api.message.*;
            import io.vertx.core.Future;
            @org.pf4j.Extension
            public class Echo implements SignalSource {
              private final PluginContext context;
              public Echo(PluginContext context) { this.context = context; }
              @Override public Future<Void> start() {
                int every = context.config(Settings.class).everyMinutes();
                context.subscribe(Addresses.INTENTS, intent -> context.publish(Addresses.SAMPLES,
                    new Sample(intent.person(), "%2$s", SignalKind.HR, intent.time(), every)));
                return Future.succeededFuture();
              }
            }
            """.formatted(pkg, id))
        .buildInto(folder);
  }

  /** A plugin whose Plugin.start() throws. */
  static Path throwsInStart(Path folder, String id) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", """
            package %s;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
              @Override public void start() { throw new IllegalStateException("boom in start"); }
            }
            """.formatted(pkg))
        .buildInto(folder);
  }

  /** A plugin whose extension's start() returns a failed future. */
  static Path failsExtensionStart(Path folder, String id) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", """
            package %s;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
            }
            """.formatted(pkg))
        .source(pkg + ".Source", """
            package %s;
            @org.pf4j.Extension
            public class Source implements app.tend.api.SignalSource {
              @Override public io.vertx.core.Future<Void> start() {
                return io.vertx.core.Future.failedFuture("cannot reach the wearable");
              }
            }
            """.formatted(pkg))
        .buildInto(folder);
  }

  /** A plugin whose handler throws on every intent. */
  static Path throwsInCallback(Path folder, String id) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", """
            package %s;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
            }
            """.formatted(pkg))
        .source(pkg + ".Listener", """
            package %s;
            import app.tend.api.*;
            @org.pf4j.Extension
            public class Listener implements SignalSource {
              private final PluginContext context;
              public Listener(PluginContext context) { this.context = context; }
              @Override public io.vertx.core.Future<Void> start() {
                context.subscribe(Addresses.INTENTS, intent -> { throw new ArithmeticException("bad handler"); });
                return io.vertx.core.Future.succeededFuture();
              }
            }
            """.formatted(pkg))
        .buildInto(folder);
  }

  /** A plugin that depends on another plugin. */
  static Path dependsOn(Path folder, String id, String dependency) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .dependsOn(dependency)
        .source(pkg + ".ThePlugin", """
            package %s;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
            }
            """.formatted(pkg))
        .buildInto(folder);
  }

  /**
   * A plugin whose source takes a while to start and to stop, fails to start while another run of it is still
   * up, and publishes a sample (value: how many runs so far) at each start.
   */
  static Path slow(Path folder, String id) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", plainPlugin(pkg))
        .source(pkg + ".Slow", """
            package %1$s;
            import app.tend.api.*;
            import app.tend.api.message.*;
            import io.vertx.core.*;
            import java.util.concurrent.atomic.AtomicInteger;
            @org.pf4j.Extension
            public class Slow implements SignalSource {
              static final AtomicInteger UP = new AtomicInteger();
              static final AtomicInteger RUNS = new AtomicInteger();
              private final PluginContext context;
              public Slow(PluginContext context) { this.context = context; }
              @Override public Future<Void> start() {
                if (UP.incrementAndGet() > 1) {
                  return Future.failedFuture("started while another run is up");
                }
                context.publish(Addresses.SAMPLES, new Sample("slow", "run", SignalKind.HR, java.time.Instant.now(),
                    RUNS.incrementAndGet()));
                Promise<Void> done = Promise.promise();
                context.vertx().setTimer(30, t -> done.complete());
                return done.future();
              }
              @Override public Future<Void> stop() {
                Promise<Void> done = Promise.promise();
                context.vertx().setTimer(30, t -> { UP.decrementAndGet(); done.complete(); });
                return done.future();
              }
            }
            """.formatted(pkg))
        .buildInto(folder);
  }

  /** A plugin that counts intents in a function counter {@code test.intents}, as wearable-mqtt counts samples. */
  static Path counting(Path folder, String id) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", plainPlugin(pkg))
        .source(pkg + ".Counting", """
            package %1$s;
            import app.tend.api.*;
            import io.micrometer.core.instrument.FunctionCounter;
            import io.vertx.core.Future;
            import java.util.concurrent.atomic.LongAdder;
            @org.pf4j.Extension
            public class Counting implements SignalSource {
              private final PluginContext context;
              public Counting(PluginContext context) { this.context = context; }
              @Override public Future<Void> start() {
                LongAdder intents = new LongAdder();
                FunctionCounter.builder("test.intents", intents, LongAdder::doubleValue).register(context.meters());
                context.subscribe(Addresses.INTENTS, intent -> intents.increment());
                return Future.succeededFuture();
              }
            }
            """.formatted(pkg))
        .buildInto(folder);
  }

  /** A plugin whose source runs but says it cannot take samples in; with {@code throwing}, its check throws. */
  static Path deafSource(Path folder, String id, boolean throwing) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", plainPlugin(pkg))
        .source(pkg + ".Deaf", """
            package %1$s;
            @org.pf4j.Extension
            public class Deaf implements app.tend.api.SignalSource {
              @Override public java.util.Optional<String> intakeProblem() {
                if (%2$s) {
                  throw new IllegalStateException("no idea");
                }
                return java.util.Optional.of("the wearable's bridge stopped answering");
              }
            }
            """.formatted(pkg, throwing))
        .buildInto(folder);
  }

  /** A plugin whose source takes a connection at start, then fails; its stop() publishes a sample saying so. */
  static Path failsAfterTakingSomething(Path folder, String id) {
    String pkg = "test." + id.replace('-', '_');
    return PluginJarBuilder.plugin(id)
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", plainPlugin(pkg))
        .source(pkg + ".HalfWay", """
            package %1$s;
            import app.tend.api.*;
            import app.tend.api.message.*;
            import io.vertx.core.Future;
            @org.pf4j.Extension
            public class HalfWay implements SignalSource {
              private final PluginContext context;
              public HalfWay(PluginContext context) { this.context = context; }
              @Override public Future<Void> start() {
                return Future.failedFuture("the second connection was refused");
              }
              @Override public Future<Void> stop() {
                context.publish(Addresses.SAMPLES, new Sample("halfway", "released", SignalKind.HR,
                    java.time.Instant.now(), 1));
                return Future.succeededFuture();
              }
            }
            """.formatted(pkg))
        .buildInto(folder);
  }

  private static String plainPlugin(String pkg) {
    return """
        package %s;
        public class ThePlugin extends app.tend.api.TendPlugin {
          public ThePlugin(app.tend.api.PluginContext context) { super(context); }
        }
        """.formatted(pkg);
  }

  private TestPlugins() {}
}
