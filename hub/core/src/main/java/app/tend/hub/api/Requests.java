package app.tend.hub.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the parts of a request the contract has already validated. */
final class Requests {

  private Requests() {}

  private static ValidatedRequest validated(RoutingContext ctx) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    if (request == null) {
      throw new IllegalStateException(ctx.request().path() + " was not validated against the contract");
    }
    return request;
  }

  /** A path parameter, decoded. */
  static String path(RoutingContext ctx, String name) {
    return ctx.pathParam(name);
  }

  /** A query parameter as text, if given. */
  static Optional<String> query(RoutingContext ctx, String name) {
    RequestParameter value = validated(ctx).getQuery().get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(String.valueOf(value.get()));
  }

  /** An integer query parameter (its range checked by the contract), or the default. */
  static int queryInt(RoutingContext ctx, String name, int otherwise) {
    RequestParameter value = validated(ctx).getQuery().get(name);
    return value == null || value.isNull() ? otherwise : ((Number) value.get()).intValue();
  }

  /** A query parameter that must be an ISO-8601 instant, if given. */
  static Optional<Instant> queryInstant(RoutingContext ctx, String name) {
    return query(ctx, name).map(text -> instant("query parameter " + name, text));
  }

  /** The JSON body (validated by the contract), or an empty object. */
  static JsonObject body(RoutingContext ctx) {
    RequestParameter body = validated(ctx).getBody();
    return body == null || body.isNull() ? new JsonObject() : body.getJsonObject();
  }

  /**
   * Parses an ISO-8601 instant.
   *
   * @param where what the value is, for the message: {@code query parameter from}, {@code body field start}
   * @throws ApiProblem 400 naming {@code where} when it is not one
   */
  static Instant instant(String where, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(where + ": '" + text + "' is not an ISO-8601 instant such as 2026-11-26T10:00:00Z");
    }
  }
}
