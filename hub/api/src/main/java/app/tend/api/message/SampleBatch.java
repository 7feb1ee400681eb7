package app.tend.api.message;

import java.util.List;

/**
 * Samples a source took in together (the messages one pass over its input held), published as one message
 * on {@code tend.samples.batches}: one event-bus delivery per consumer for the lot instead of one per sample.
 *
 * @param samples the samples, in the order they were taken in; never empty
 */
public record SampleBatch(List<Sample> samples) {

  /** Copies the list; refuses an empty one. */
  public SampleBatch {
    Checks.notNull(samples, "samples");
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one sample");
    }
    samples = List.copyOf(samples);
  }
}
