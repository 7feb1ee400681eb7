package app.tend.hub.api;

import app.tend.hub.http.Responses;
import app.tend.hub.schedule.SessionRefusedException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api}: built from the OpenAPI contract {@code api/openapi.yaml}, so every
 * route is in the document and every request is validated against it before a handler sees it; every
 * call needs the bearer token.
 */
public final class ApiRouter {

  /** The contract on the classpath. */
  public static final String CONTRACT = "api/openapi.yaml";

  private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> VALIDATOR_MEDIA_TYPES = Set.of("application/json", "text/plain", "application/octet-stream");

  private ApiRouter() {}

  /**
   * Loads the contract and builds a router with every API route; the hub adds its other routes to it.
   *
   * @throws IllegalStateException (in the future) when an operation of the contract has no handler
   */
  public static Future<Router> create(Vertx vertx, String token, Clock clock, List<ApiResource> resources) {
    byte[] yaml = readContract();
    Buffer document = Buffer.buffer(yaml);
    return OpenAPIContract.from(vertx, forValidator(yaml)).map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      builder.rootHandler(BodyHandler.create().setBodyLimit(64 * 1024));
      // The router this builds is the hub's main router: the token guards /api only, first for every path
      // that routes there, then again as the first handler of every operation.
      BearerTokenAuth auth = new BearerTokenAuth(vertx, token, clock, "/api");
      builder.rootHandler(auth);
      builder.getRoutes().forEach(route -> route.addHandler(auth::guardRoute));
      ApiResource.Operations operations = new ApiResource.Operations(builder);
      operations.route("getOpenApi").addHandler(ctx -> ctx.response()
          .putHeader("Content-Type", "application/yaml; charset=utf-8")
          .end(document));
      resources.forEach(resource -> resource.bind(operations));
      for (OpenAPIRoute route : builder.getRoutes()) {
        if (route.getHandlers().size() < 2) {
          throw new IllegalStateException("operation '" + route.getOperation().getOperationId()
              + "' of " + CONTRACT + " has no handler");
        }
        // Vert.x has no handler for a static bearer token; BearerTokenAuth enforces the contract's scheme.
        route.setDoSecurity(false);
        route.addFailureHandler(ApiRouter::failure);
      }
      return builder.createRouter();
    });
  }

  private static void failure(io.vertx.ext.web.RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ValidatorException invalid = validationCause(failure);
    if (invalid != null) {
      Responses.error(ctx, 400, ValidationMessages.of(invalid));
    } else if (failure instanceof ApiProblem problem) {
      Responses.error(ctx, problem.status(), problem.getMessage());
    } else if (failure instanceof SessionRefusedException refused) {
      Responses.error(ctx, switch (refused.reason()) {
        case UNKNOWN -> 404;
        case AMBIGUOUS -> 400;
        case CONFLICT -> 409;
      }, refused.getMessage());
    } else if (failure instanceof IllegalArgumentException bad) {
      Responses.error(ctx, 400, bad.getMessage());
    } else if (ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      Responses.error(ctx, ctx.statusCode(), ctx.statusCode() == 413 ? Responses.TOO_LARGE
          : failure == null ? "request refused" : failure.getMessage());
    } else {
      log.error("{} {} failed ({})", ctx.request().method(), ctx.request().path(), ctx.statusCode(), failure);
      Responses.error(ctx, 500, "internal error; see the hub's log");
    }
  }

  /**
   * The contract as Vert.x's validator takes it. It validates requests only, yet refuses response
   * media types it does not know (text/event-stream, application/yaml), so those are renamed in its
   * copy; users get the document as written.
   */
  static JsonObject forValidator(byte[] yaml) {
    try {
      JsonObject contract = new JsonObject(YAML.readValue(yaml, Map.class));
      JsonObject paths = contract.getJsonObject("paths", new JsonObject());
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          JsonObject responses = paths.getJsonObject(path).getJsonObject(method).getJsonObject("responses", new JsonObject());
          for (String status : responses.fieldNames()) {
            JsonObject content = responses.getJsonObject(status).getJsonObject("content");
            if (content != null) {
              for (String type : List.copyOf(content.fieldNames())) {
                if (!VALIDATOR_MEDIA_TYPES.contains(type)) {
                  content.put("application/octet-stream", content.remove(type));
                }
              }
            }
          }
        }
      }
      return contract;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CONTRACT, e);
    }
  }

  private static ValidatorException validationCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ValidatorException invalid) {
        return invalid;
      }
    }
    return null;
  }

  private static byte[] readContract() {
    try (InputStream in = ApiRouter.class.getClassLoader().getResourceAsStream(CONTRACT)) {
      if (in == null) {
        throw new IllegalStateException(CONTRACT + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
