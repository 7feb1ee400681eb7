package app.tend.plugins.wearable.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Byte-exact payloads stored next to the tests, under {@code src/test/resources/app/tend/plugins/wearable/mqtt/}. */
final class Fixtures {

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + " next to " + Fixtures.class.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Fixtures() {}
}
