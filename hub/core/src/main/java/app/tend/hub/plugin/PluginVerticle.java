package app.tend.hub.plugin;

import app.tend.api.TendExtension;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plugin on an event loop of its own: starts it in PF4J (on a worker thread, since plugin
 * code may block there), then starts its extensions one by one; stops them in reverse order. An extension
 * whose start fails is stopped too, so it releases what it took before failing.
 */
final class PluginVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PluginVerticle.class);

  private final String pluginId;
  private final Callable<List<TendExtension>> startInPf4j;
  private final Runnable stopInPf4j;
  private final List<TendExtension> started = new ArrayList<>();

  PluginVerticle(String pluginId, Callable<List<TendExtension>> startInPf4j, Runnable stopInPf4j) {
    this.pluginId = pluginId;
    this.startInPf4j = startInPf4j;
    this.stopInPf4j = stopInPf4j;
  }

  /** The extensions that started, in start order. */
  List<TendExtension> extensions() {
    return List.copyOf(started);
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(startInPf4j)
        .compose(this::startEach)
        .recover(failure -> stopStarted().eventually(() -> vertx.executeBlocking(() -> {
          stopInPf4j.run();
          return null;
        })).transform(ignored -> Future.failedFuture(failure)));
  }

  @Override
  public Future<?> stop() {
    return stopStarted().eventually(() -> vertx.executeBlocking(() -> {
      stopInPf4j.run();
      return null;
    }));
  }

  /**
   * Tells every started extension, on the plugin's event loop, that the plugin is being disabled; one
   * that fails is logged and the others are still told. Never fails.
   */
  Future<Void> disabling() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> {
      Future<Void> chain = Future.succeededFuture();
      for (TendExtension extension : List.copyOf(started)) {
        chain = chain.compose(previous -> safely(extension::disabling, "disabling", extension).recover(failure -> {
          log.warn("Plugin {}: {} could not withdraw before being disabled: {}", pluginId,
              extension.getClass().getSimpleName(), failure.getMessage(), failure);
          return Future.succeededFuture();
        }));
      }
      chain.onComplete(done);
    });
    return done.future();
  }

  private Future<Void> startEach(List<TendExtension> extensions) {
    Future<Void> chain = Future.succeededFuture();
    for (TendExtension extension : extensions) {
      chain = chain.compose(ignored -> safely(extension::start, "start", extension)
          .onSuccess(done -> started.add(extension))
          .recover(failure -> safely(extension::stop, "stop", extension).transform(stopped -> {
            if (stopped.failed()) {
              log.warn("Plugin {}: {} did not stop after its failed start: {}", pluginId,
                  extension.getClass().getSimpleName(), stopped.cause().getMessage(), stopped.cause());
            }
            return Future.failedFuture(failure);
          })));
    }
    return chain;
  }

  private Future<Void> stopStarted() {
    Future<Void> chain = Future.succeededFuture();
    List<TendExtension> reversed = new ArrayList<>(started);
    java.util.Collections.reverse(reversed);
    started.clear();
    List<Throwable> failures = new ArrayList<>();
    for (TendExtension extension : reversed) {
      chain = chain.compose(ignored -> safely(extension::stop, "stop", extension)
          .recover(failure -> {
            failures.add(failure);
            return Future.succeededFuture();
          }));
    }
    return chain.compose(ignored -> failures.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(failures.get(0)));
  }

  private Future<Void> safely(java.util.function.Supplier<Future<Void>> step, String what, TendExtension extension) {
    try {
      Future<Void> result = step.get();
      if (result == null) {
        return Future.failedFuture(new IllegalStateException(
            extension.getClass().getName() + "." + what + "() returned null instead of a future"));
      }
      return result;
    } catch (Throwable t) {
      return Future.failedFuture(t);
    }
  }

  @Override
  public String toString() {
    return "PluginVerticle[" + pluginId + "]";
  }
}
