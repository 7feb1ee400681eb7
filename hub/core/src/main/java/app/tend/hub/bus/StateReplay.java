package app.tend.hub.bus;

import app.tend.api.Address;
import app.tend.api.Addresses;
import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressState;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.function.Function;

/**
 * How a plugin subscribing to a state address ({@link Addresses#STATES}) gets each person's latest message
 * first: the plugin's context asks, on {@link #ADDRESS}, the one keeper of latest states in the hub.
 */
public final class StateReplay {

  /** Where the keeper of latest states answers; the body is the state address's name. */
  public static final String ADDRESS = "tend.hub.latest";

  /** The answer: the latest message of every person on the asked address. */
  public record Latest(List<Object> messages) {}

  private StateReplay() {}

  /** The person a state message is about. */
  public static String person(Object message) {
    if (message instanceof StressState s) {
      return s.person();
    }
    if (message instanceof ScheduleStatus s) {
      return s.person();
    }
    if (message instanceof DoNotDisturb d) {
      return d.person();
    }
    throw new IllegalArgumentException("not a state message: " + message.getClass().getName());
  }

  /** Answers every ask with what {@code latest} gives for the address asked about. */
  public static MessageConsumer<String> serve(EventBus bus, Function<Address<?>, List<?>> latest) {
    return bus.consumer(ADDRESS, ask -> Addresses.STATES.stream()
        .filter(address -> address.name().equals(ask.body()))
        .findFirst()
        .ifPresentOrElse(address -> ask.reply(new Latest(List.copyOf(latest.apply(address)))),
            () -> ask.fail(400, "not a state address: " + ask.body())));
  }

  /** The latest message of every person on a state address; none when nothing in this hub keeps them. */
  public static Future<List<Object>> latest(EventBus bus, Address<?> address) {
    return bus.<Latest>request(ADDRESS, address.name(), new DeliveryOptions().setLocalOnly(true))
        .map(reply -> reply.body().messages())
        .otherwise(List.of());
  }

  static void registerCodec(EventBus bus) {
    bus.registerDefaultCodec(Latest.class, new LocalOnly());
  }

  /** The answer never leaves this hub: it is asked for and answered locally. */
  private static final class LocalOnly implements MessageCodec<Latest, Latest> {
    @Override
    public void encodeToWire(Buffer buffer, Latest latest) {
      throw new UnsupportedOperationException("the latest states are answered locally only");
    }

    @Override
    public Latest decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("the latest states are answered locally only");
    }

    @Override
    public Latest transform(Latest latest) {
      return latest;
    }

    @Override
    public String name() {
      return "tend-latest-states";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
