package app.tend.api;

import app.tend.api.message.Sample;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything the hub gives a plugin. A plugin reaches the hub only through this object: no static
 * globals, no {@code Vertx.vertx()} of its own.
 *
 * <p>Handlers registered with {@link #subscribe} run on the plugin's own event loop. If a handler
 * throws, the plugin is marked FAILED (with that exception as the cause) and stopped, and the rest of
 * the hub keeps running.
 */
public interface PluginContext {

  /** The plugin's id: its folder name, its config key and the {@code plugin} tag of its meters. */
  String pluginId();

  /** The hub's Vert.x instance. */
  Vertx vertx();

  /** Publishes a message to every consumer of the address. */
  <T> void publish(Address<T> address, T message);

  /**
   * Registers a handler for every message published to the address; it runs on the plugin's event loop. On a
   * state address ({@link Addresses#STATES}) the handler first gets each person's latest message, unless a newer
   * one for that person reached it already.
   */
  <T> Subscription subscribe(Address<T> address, Handler<T> handler);

  /**
   * Registers a handler for every sample, whether published alone on {@link Addresses#SAMPLES} or in a batch on
   * {@link Addresses#SAMPLE_BATCHES}; it runs on the plugin's event loop.
   */
  default Subscription subscribeSamples(Handler<Sample> handler) {
    Subscription single = subscribe(Addresses.SAMPLES, handler);
    Subscription batches = subscribe(Addresses.SAMPLE_BATCHES, batch -> {
      for (Sample sample : batch.samples()) {
        handler.handle(sample);
      }
    });
    return () -> Future.all(single.cancel(), batches.cancel()).mapEmpty();
  }

  /**
   * The plugin's own settings, already bound and validated.
   *
   * @param type the plugin's {@link TendPlugin#configType()}
   * @throws IllegalArgumentException if {@code type} is not the plugin's config type
   */
  <C extends Record> C config(Class<C> type);

  /** A meter registry whose meters all carry the tag {@code plugin=<id>}. */
  MeterRegistry meters();

  /** The clock to read the time from, so tests can control it. */
  Clock clock();

  /** A folder of the plugin's own for files it keeps, open to the hub's user only (created on first use). */
  Path dataDir();

  /** Routes added here are served under {@code /plugins/<id>/} on the hub's HTTP server. */
  Router router();

  /** How to reach the hub's MQTT broker. */
  BrokerSettings broker();

  /**
   * Reports that the plugin can no longer work (e.g. a background task died): the hub marks it FAILED
   * with this cause and stops it.
   */
  void fail(Throwable cause);
}
