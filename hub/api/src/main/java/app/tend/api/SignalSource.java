package app.tend.api;

import java.util.Optional;

/**
 * A source of body signals: a wearable, a bridge, a simulator.
 *
 * <p>It turns device payloads into {@link app.tend.api.message.Sample}s and publishes them on
 * {@link Addresses#SAMPLES} with {@link PluginContext#publish}. Payloads it cannot read are counted
 * ({@link Meters#WEARABLE_REJECTED}) and dropped; they never stop the source.
 */
public interface SignalSource extends TendExtension {

  /**
   * Why the source, although started, cannot take samples in now (its broker connection has been down past a
   * reconnect, the broker refused its subscription, another client took its session), or empty while it can.
   * The hub is not ready ({@code /health} answers 503, {@code /api/status} says {@code ready: false}) while a
   * required plugin's source reports a problem, and shows the problem with the plugin.
   *
   * <p>Report a problem only once it has lasted past what a normal reconnect takes, and never for silence
   * alone: nobody may be wearing anything. Called on any thread, at every health check: read what the source
   * already knows, never block. The default reports nothing.
   */
  default Optional<String> intakeProblem() {
    return Optional.empty();
  }
}
