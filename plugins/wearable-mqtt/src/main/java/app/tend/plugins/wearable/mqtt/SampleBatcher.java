package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.Sample;
import app.tend.api.message.SampleBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the samples made from one slice of the {@link Inbox} and publishes them as one
 * {@link SampleBatch}: one event-bus delivery per consumer for the slice instead of one per sample.
 * Used on the plugin's event loop only.
 */
final class SampleBatcher implements Consumer<Sample> {

  private final Consumer<SampleBatch> publish;
  private final List<Sample> pending = new ArrayList<>();

  SampleBatcher(Consumer<SampleBatch> publish) {
    this.publish = publish;
  }

  @Override
  public void accept(Sample sample) {
    pending.add(sample);
  }

  /** Publishes what was collected, if anything. */
  void flush() {
    if (!pending.isEmpty()) {
      SampleBatch batch = new SampleBatch(pending);
      pending.clear();
      publish.accept(batch);
    }
  }
}
