package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Tend's single-sample format: topic {@code <prefix>/<person>/<device>/<kind>}, payload
 * {@code {"t": <unix ms>, "v": <number>}}. Other fields are ignored.
 */
final class TendSampleDecoder {

  /** Decodes one payload for the kind the topic named. */
  void decode(TendTopics.TendTopic topic, byte[] payload, DecodedSamples out) throws RejectedPayload, IOException {
    SignalKind kind = topic.kind();
    long time = Long.MIN_VALUE;
    double value = Double.NaN;
    try (JsonParser parser = JsonFields.object(payload)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "t" -> time = JsonFields.millis(parser, "t");
          case "v" -> value = JsonFields.number(parser, "v");
          default -> parser.skipChildren();
        }
      }
      JsonFields.end(parser);
    }
    if (time == Long.MIN_VALUE) {
      throw RejectedPayload.malformed("no 't' (Unix milliseconds)");
    }
    if (Double.isNaN(value)) {
      throw RejectedPayload.malformed("no 'v' (the value)");
    }
    out.source(topic.person(), topic.device(), true);
    out.add(kind, time, value);
  }
}
