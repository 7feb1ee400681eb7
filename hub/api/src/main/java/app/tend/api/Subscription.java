package app.tend.api;

import io.vertx.core.Future;

/** A registered consumer; cancel it to stop receiving. Consumers are cancelled when a plugin stops. */
public interface Subscription {

  /** Stops delivery to this consumer. */
  Future<Void> cancel();
}
