package app.tend.hub.bus;

import app.tend.api.Addresses;
import app.tend.api.message.Sample;
import app.tend.api.message.SampleBatch;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;

/** A hub stage's consumer of every sample: those published alone and those in batches. */
public final class SampleConsumers {

  private final List<MessageConsumer<?>> consumers;

  private SampleConsumers(List<MessageConsumer<?>> consumers) {
    this.consumers = consumers;
  }

  /** Registers {@code handler} for every sample on {@link Addresses#SAMPLES} and {@link Addresses#SAMPLE_BATCHES}. */
  public static SampleConsumers register(EventBus bus, Handler<Sample> handler) {
    MessageConsumer<Sample> single = bus.consumer(Addresses.SAMPLES.name(), message -> handler.handle(message.body()));
    MessageConsumer<SampleBatch> batches = bus.consumer(Addresses.SAMPLE_BATCHES.name(), message -> {
      for (Sample sample : message.body().samples()) {
        handler.handle(sample);
      }
    });
    return new SampleConsumers(List.of(single, batches));
  }

  /** Completes when both consumers are registered. */
  public Future<Void> completion() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  /** Stops both consumers. */
  public Future<Void> unregister() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
