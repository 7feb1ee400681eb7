package app.tend.hub.http;

import app.tend.hub.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses, and JSON errors that carry a message and never a stack trace. */
public final class Responses {

  /** The message of a 413. */
  public static final String TOO_LARGE = "the request body is too large";

  /** Sends {@code body} as JSON with the given status. */
  public static void json(RoutingContext ctx, int status, Object body) {
    String text;
    try {
      text = Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      error(ctx, 500, "cannot render the response: " + e.getOriginalMessage());
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(text);
  }

  /** Sends {@code {"status": …, "error": …}}. */
  public static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", message);
    json(ctx, status, body);
  }

  private Responses() {}
}
