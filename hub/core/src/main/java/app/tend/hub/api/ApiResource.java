package app.tend.hub.api;

import io.vertx.ext.web.openapi.router.RouterBuilder;

/** A group of API operations; binds a handler to each of its operation ids in the OpenAPI contract. */
public interface ApiResource {

  /** Adds handlers to the builder's routes, by operation id. */
  void bind(Operations operations);

  /** Looks up operations of the contract by id, failing loudly for an id the contract lacks. */
  final class Operations {
    private final RouterBuilder builder;

    Operations(RouterBuilder builder) {
      this.builder = builder;
    }

    /** The route of an operation id. */
    public io.vertx.ext.web.openapi.router.OpenAPIRoute route(String operationId) {
      var route = builder.getRoute(operationId);
      if (route == null) {
        throw new IllegalStateException("operation '" + operationId + "' is not in api/openapi.yaml");
      }
      return route;
    }
  }
}
