package app.tend.api;

/**
 * A source of body signals: a wearable, a bridge, a simulator.
 *
 * <p>It turns device payloads into {@link app.tend.api.message.Sample}s and publishes them on
 * {@link Addresses#SAMPLES} with {@link PluginContext#publish}. Payloads it cannot read are counted
 * ({@link Meters#WEARABLE_REJECTED}) and dropped; they never stop the source.
 */
public interface SignalSource extends TendExtension {}
