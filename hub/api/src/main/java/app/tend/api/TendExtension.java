package app.tend.api;

import io.vertx.core.Future;
import org.pf4j.ExtensionPoint;

/**
 * The lifecycle every Tend extension shares.
 *
 * <p>An extension is created by the hub with its plugin's {@link PluginContext} (a public constructor
 * taking a {@code PluginContext}, or a no-argument one), then {@link #start()} runs on the plugin's own
 * Vert.x event loop. It must not block: do blocking work with {@code vertx.executeBlocking}. If
 * {@code start()} fails or throws, the plugin is marked FAILED and the rest of the hub keeps running.
 */
public interface TendExtension extends ExtensionPoint {

  /** Starts the extension; the returned future completes when it is ready. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /**
   * The plugin is being disabled (not merely stopped for a restart or shutdown); {@link #stop()} follows.
   * An extension that announced itself to other systems withdraws here, e.g. clears its Home Assistant
   * entities. Runs on the plugin's event loop; the default does nothing.
   */
  default Future<Void> disabling() {
    return Future.succeededFuture();
  }

  /**
   * Stops the extension and releases what it holds (connections, timers, threads): called once, on shutdown, a
   * restart or when disabled, and also after a {@link #start()} that failed, to release what it took before it
   * failed; so it copes with a start that got only part of the way.
   */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
