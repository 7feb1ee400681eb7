package app.tend.hub.bus;

import app.tend.hub.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Event-bus codec for an immutable message record. Locally the record itself is passed (it cannot
 * change, so no copy is needed); on a clustered bus it travels as JSON.
 */
final class RecordCodec<T> implements MessageCodec<T, T> {

  private final Class<T> type;

  RecordCodec(Class<T> type) {
    this.type = type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    try {
      byte[] json = Json.MAPPER.writeValueAsBytes(message);
      buffer.appendInt(json.length).appendBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
    }
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    try {
      return Json.MAPPER.readValue(buffer.getBytes(pos + 4, pos + 4 + length), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
    }
  }

  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public String name() {
    return "tend." + type.getSimpleName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
