package app.tend.hub.bus;

import app.tend.api.Address;
import app.tend.api.Addresses;
import io.vertx.core.eventbus.EventBus;

/** Registers a codec for every message record, once at boot. */
public final class MessageCodecs {

  /** Registers the default codec of every type carried on {@link Addresses#ALL}, and of the hub's own answers. */
  public static void register(EventBus bus) {
    for (Address<?> address : Addresses.ALL) {
      registerFor(bus, address.type());
    }
    StateReplay.registerCodec(bus);
  }

  private static <T> void registerFor(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new RecordCodec<>(type));
  }

  private MessageCodecs() {}
}
