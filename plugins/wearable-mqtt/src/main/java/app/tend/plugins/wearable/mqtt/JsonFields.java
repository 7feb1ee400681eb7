package app.tend.plugins.wearable.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Small helpers for reading JSON payloads with Jackson's streaming parser (no tree, little garbage). */
final class JsonFields {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** A parser over the payload, positioned on its first token, which must open an object. */
  static JsonParser object(byte[] payload) throws IOException, RejectedPayload {
    JsonParser parser = FACTORY.createParser(payload);
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      parser.close();
      throw RejectedPayload.malformed("expected a JSON object");
    }
    return parser;
  }

  /** A parser over the payload, positioned before its first token. */
  static JsonParser any(byte[] payload) throws IOException {
    return FACTORY.createParser(payload);
  }

  /** The current value as Unix milliseconds: a whole number. */
  static long millis(JsonParser parser, String field) throws IOException, RejectedPayload {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw RejectedPayload.malformed("'" + field + "' must be a whole number of Unix milliseconds");
    }
    return parser.getLongValue();
  }

  /** The current value as a number. */
  static double number(JsonParser parser, String field) throws IOException, RejectedPayload {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw RejectedPayload.malformed("'" + field + "' must be a number");
    }
    return parser.getDoubleValue();
  }

  /** Fails unless the document ended after the value just read. */
  static void end(JsonParser parser) throws IOException, RejectedPayload {
    if (parser.nextToken() != null) {
      throw RejectedPayload.malformed("text after the JSON value");
    }
  }

  private JsonFields() {}
}
