package app.tend.hub.api;

import app.tend.hub.http.Responses;
import app.tend.hub.plugin.PluginInfo;
import app.tend.hub.plugin.PluginRuntime;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** {@code /api/plugins}: list plugins, and enable, disable or restart one. */
public final class PluginsResource implements ApiResource {

  private final PluginRuntime plugins;

  public PluginsResource(PluginRuntime plugins) {
    this.plugins = plugins;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("listPlugins").addHandler(ctx -> Responses.json(ctx, 200, plugins.plugins()));
    operations.route("getPlugin").addHandler(ctx -> withPlugin(ctx, id -> Future.succeededFuture(plugins.plugin(id).orElseThrow())));
    operations.route("enablePlugin").addHandler(ctx -> withPlugin(ctx, plugins::enable));
    operations.route("disablePlugin").addHandler(ctx -> withPlugin(ctx, plugins::disable));
    operations.route("restartPlugin").addHandler(ctx -> withPlugin(ctx, plugins::restart));
  }

  private void withPlugin(RoutingContext ctx, Function<String, Future<PluginInfo>> action) {
    String id = ctx.pathParam("id");
    if (plugins.plugin(id).isEmpty()) {
      Responses.error(ctx, 404, "no plugin '" + id + "'");
      return;
    }
    action.apply(id).onComplete(result -> {
      if (result.succeeded()) {
        Responses.json(ctx, 200, result.result());
      } else {
        Responses.error(ctx, 409, result.cause().getMessage());
      }
    });
  }
}
