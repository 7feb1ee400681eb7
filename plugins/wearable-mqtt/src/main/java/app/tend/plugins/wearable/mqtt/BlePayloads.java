package app.tend.plugins.wearable.mqtt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The raw bytes of a BLE characteristic as bridges relay them: the bytes themselves, a hex string
 * ({@code 16 48 00}, {@code 0x164800}, {@code 16:48:00}), or a JSON array of byte values ({@code [22,72,0]},
 * as EspruinoHub sends). A payload starting with a byte below 0x20 is binary: no text form starts so.
 */
final class BlePayloads {

  static byte[] bytes(byte[] payload) throws RejectedPayload, IOException {
    if (payload.length == 0) {
      throw RejectedPayload.malformed("empty payload");
    }
    if ((payload[0] & 0xFF) < 0x20) {
      return payload;
    }
    String text = new String(payload, StandardCharsets.US_ASCII).trim();
    if (text.startsWith("[")) {
      return jsonArray(payload);
    }
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    return hex(text);
  }

  private static byte[] jsonArray(byte[] payload) throws IOException, RejectedPayload {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 2);
    try (JsonParser parser = JsonFields.any(payload)) {
      parser.nextToken();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() < 0 || parser.getIntValue() > 255) {
          throw RejectedPayload.malformed("a JSON byte array must hold whole numbers from 0 to 255");
        }
        out.write(parser.getIntValue());
      }
      JsonFields.end(parser);
    }
    return out.toByteArray();
  }

  private static byte[] hex(String text) throws RejectedPayload {
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    StringBuilder clean = new StringBuilder(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (Character.digit(c, 16) >= 0) {
        clean.append(c);
      } else if (c != ' ' && c != ':' && c != '-') {
        throw RejectedPayload.malformed("not binary, hex or a JSON byte array: '" + abbreviate(text) + "'");
      }
    }
    if (clean.length() == 0 || clean.length() % 2 != 0) {
      throw RejectedPayload.malformed("a hex payload needs an even number of digits: '" + abbreviate(text) + "'");
    }
    byte[] out = new byte[clean.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(clean, 2 * i, 2 * i + 2, 16);
    }
    return out;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private BlePayloads() {}
}
