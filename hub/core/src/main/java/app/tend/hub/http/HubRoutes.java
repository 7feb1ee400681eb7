package app.tend.hub.http;

import app.tend.hub.plugin.PluginRuntime;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hub's own routes: health and metrics, plus JSON error pages for everything. */
public final class HubRoutes {

  private static final Logger log = LoggerFactory.getLogger(HubRoutes.class);

  private final PrometheusMeterRegistry registry;
  private final PluginRuntime plugins;
  private final BooleanSupplier brokerUp;
  private final BooleanSupplier storeWritable;

  public HubRoutes(PrometheusMeterRegistry registry, PluginRuntime plugins, BooleanSupplier brokerUp,
      BooleanSupplier storeWritable) {
    this.registry = registry;
    this.plugins = plugins;
    this.brokerUp = brokerUp;
    this.storeWritable = storeWritable;
  }

  /** Adds the routes and error handlers to the router. */
  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, Map.of("status", "UP")));
    router.get("/health/ready").handler(this::health);
    router.get("/metrics").handler(this::metrics);

    router.errorHandler(400, ctx -> Responses.error(ctx, 400, "bad request"
        + (ctx.failure() == null || ctx.failure().getMessage() == null ? "" : ": " + ctx.failure().getMessage())));
    router.errorHandler(404, ctx -> Responses.error(ctx, 404, "no such resource: " + ctx.request().path()));
    router.errorHandler(405, ctx -> Responses.error(ctx, 405,
        "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
    // Without these, Vert.x logs every too-large or oddly typed body as an unhandled ERROR.
    router.errorHandler(413, ctx -> Responses.error(ctx, 413, Responses.TOO_LARGE));
    router.errorHandler(415, ctx -> Responses.error(ctx, 415, "unsupported content type"));
    router.errorHandler(500, ctx -> {
      if (ctx.failure() != null) {
        log.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      }
      Responses.error(ctx, 500, "internal error; see the hub's log");
    });
    router.errorHandler(503, ctx -> Responses.error(ctx, 503,
        ctx.failure() == null ? "service unavailable" : ctx.failure().getMessage()));
  }

  private void health(RoutingContext ctx) {
    boolean broker = brokerUp.getAsBoolean();
    boolean store = storeWritable.getAsBoolean();
    List<String> down = plugins.requiredPluginsDown();
    Map<String, String> intake = plugins.requiredIntakeProblems();
    boolean ready = broker && store && down.isEmpty() && intake.isEmpty();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "UP" : "DOWN");
    body.put("live", true);
    body.put("ready", ready);
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("broker", broker ? "UP" : "DOWN");
    checks.put("store", store ? "UP" : "DOWN");
    checks.put("requiredPluginsDown", down);
    checks.put("requiredIntakeDown", intake);
    body.put("checks", checks);
    Responses.json(ctx, ready ? 200 : 503, body);
  }

  private void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape());
  }
}
