package app.tend.hub.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.XFrameHandler;

/**
 * The dashboard at {@code /}: the page and its script from {@code webroot/} on the class path, and the
 * chart library from its WebJar under {@code /webjars/}, so the page needs nothing from the internet. The
 * page may load only from the hub itself.
 */
public final class Dashboard {

  private Dashboard() {}

  /** Adds the page's routes; call after the hub's other routes, since it answers any path it has a file for. */
  public static void mount(Router router) {
    router.route().handler(CSPHandler.create()
        .addDirective("default-src", "'self'")
        .addDirective("frame-ancestors", "'none'")
        .addDirective("form-action", "'self'"));
    router.route().handler(XFrameHandler.create(XFrameHandler.DENY));
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }
}
