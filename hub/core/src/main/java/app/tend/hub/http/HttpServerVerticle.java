package app.tend.hub.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

/** Serves the hub's router on one address and port. */
public final class HttpServerVerticle extends VerticleBase {

  private final Router router;
  private final String host;
  private final int port;
  private volatile int actualPort;

  public HttpServerVerticle(Router router, String host, int port) {
    this.router = router;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(server -> actualPort = server.actualPort())
        .recover(failure -> Future.failedFuture(new IllegalStateException("the HTTP server cannot listen on "
            + host + ":" + port + " (" + failure.getMessage() + "); set http.port (TEND_HTTP_PORT) to another port",
            failure)));
  }

  /** The port it listens on (the chosen one when configured as 0). */
  public int actualPort() {
    return actualPort;
  }
}
