package app.tend.api;

import java.util.Objects;

/**
 * A typed event-bus address: the name on the bus and the record type every message on it has.
 *
 * <p>All addresses are constants in {@link Addresses}; use them instead of string literals, so a
 * publisher and its consumers cannot drift apart.
 *
 * @param name the dotted lower-case address on the Vert.x event bus, e.g. {@code tend.samples}
 * @param type the record type of the messages sent to it
 * @param <T> the message type
 */
public record Address<T>(String name, Class<T> type) {

  /** Checks that both parts are present and the name is dotted lower case. */
  public Address {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!name.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+")) {
      throw new IllegalArgumentException("address must be dotted lower case, got '" + name + "'");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
