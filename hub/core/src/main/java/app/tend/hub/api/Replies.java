package app.tend.hub.api;

import app.tend.hub.http.Responses;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Answers a request with the outcome of a future: JSON on success, the API's failure handler otherwise. */
final class Replies {

  private Replies() {}

  /** Sends the result as JSON with {@code status}, or fails the request with the cause. */
  static <T> void json(RoutingContext ctx, int status, Future<T> result) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        Responses.json(ctx, status, done.result());
      } else {
        ctx.fail(done.cause());
      }
    });
  }
}
