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

  /** The earliest instant the API takes. */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  /** The latest instant the API takes. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

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

  /**
   * A query parameter as text, if given. Read from the request itself: the validator's copy is decoded twice,
   * so the {@code %2B} of an offset such as {@code +01:00} would come out as a space.
   */
  static Optional<String> query(RoutingContext ctx, String name) {
    RequestParameter value = validated(ctx).getQuery().get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    String raw = ctx.request().getParam(name);
    return Optional.of(raw != null ? raw : String.valueOf(value.get()));
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
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(where + ": '" + text + "' is not an ISO-8601 instant such as 2026-11-26T10:00:00Z");
    }
    // Beyond these, times overflow milliseconds and the calendar arithmetic done with them.
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiProblem.badRequest(where + ": '" + text + "' is out of range: expected an instant from "
          + EARLIEST + " to " + LATEST);
    }
    return instant;
  }
}
