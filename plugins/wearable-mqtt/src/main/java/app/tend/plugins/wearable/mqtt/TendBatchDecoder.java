package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Tend's batch format: topic {@code <prefix>/<person>/<device>}, payload
 * {@code {"samples": [{"t": <unix ms>, "kind": "hr", "v": <number>}, ...]}}. A sample of an unknown kind
 * is skipped on its own; anything else wrong drops the whole message.
 */
final class TendBatchDecoder {

  /** Decodes one batch for the person and device the topic named. */
  void decode(TendTopics.TendTopic topic, byte[] payload, DecodedSamples out) throws RejectedPayload, IOException {
    out.source(topic.person(), topic.device(), true);
    boolean sawSamples = false;
    try (JsonParser parser = JsonFields.object(payload)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!field.equals("samples")) {
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw RejectedPayload.malformed("'samples' must be an array");
        }
        sawSamples = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          sample(parser, out);
        }
      }
      JsonFields.end(parser);
    }
    if (!sawSamples) {
      throw RejectedPayload.malformed("no 'samples' array");
    }
  }

  private static void sample(JsonParser parser, DecodedSamples out) throws IOException, RejectedPayload {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw RejectedPayload.malformed("each sample must be an object {\"t\":…,\"kind\":…,\"v\":…}");
    }
    long time = Long.MIN_VALUE;
    double value = Double.NaN;
    String kindName = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "t" -> time = JsonFields.millis(parser, "t");
        case "v" -> value = JsonFields.number(parser, "v");
        case "kind" -> {
          if (token != JsonToken.VALUE_STRING) {
            throw RejectedPayload.malformed("'kind' must be a string");
          }
          kindName = parser.getText();
        }
        default -> parser.skipChildren();
      }
    }
    if (time == Long.MIN_VALUE || Double.isNaN(value) || kindName == null) {
      throw RejectedPayload.malformed("each sample needs 't', 'kind' and 'v'");
    }
    Optional<SignalKind> kind = SignalKind.fromWireName(kindName);
    if (kind.isEmpty()) {
      out.skip(Reason.UNKNOWN_KIND, "unknown kind '" + kindName + "'");
    } else {
      out.add(kind.get(), time, value);
    }
  }
}
