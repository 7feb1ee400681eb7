package app.tend.plugins.wearable.mqtt;

import java.io.IOException;

/** Tend's own topics: a single sample when the topic names a kind, else a batch. */
final class TendFormatDecoder implements PayloadDecoder {

  private final TendTopics topics;
  private final TendSampleDecoder single = new TendSampleDecoder();
  private final TendBatchDecoder batch = new TendBatchDecoder();

  TendFormatDecoder(TendTopics topics) {
    this.topics = topics;
  }

  @Override
  public void decode(String topic, byte[] payload, long receivedMillis, DecodedSamples out)
      throws RejectedPayload, IOException {
    TendTopics.TendTopic parsed = topics.parse(topic);
    if (parsed.problem() != null) {
      throw parsed.problem();
    }
    if (parsed.kind() != null) {
      single.decode(parsed, payload, out);
    } else {
      batch.decode(parsed, payload, out);
    }
  }
}
