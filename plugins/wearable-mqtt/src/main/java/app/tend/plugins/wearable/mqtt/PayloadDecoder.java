package app.tend.plugins.wearable.mqtt;

import java.io.IOException;

/** Reads the payloads of one format into samples; one implementation per format. */
interface PayloadDecoder {

  /**
   * Decodes one message.
   *
   * @param topic the topic it arrived on
   * @param payload its bytes
   * @param receivedMillis when it arrived (Unix ms), the time of samples whose payload carries none
   * @param out receives the samples; empty when this is called
   * @throws RejectedPayload when the whole payload is dropped, with the reason
   * @throws IOException when JSON cannot be parsed (counted as malformed)
   */
  void decode(String topic, byte[] payload, long receivedMillis, DecodedSamples out) throws RejectedPayload, IOException;
}
