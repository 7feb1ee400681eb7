package app.tend.plugins.wearable.mqtt;

import app.tend.api.Meters;
import app.tend.api.message.Sample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The decoding pipeline without MQTT: router, decoders and gate, at a fixed time, publishing into a list. */
final class DecoderHarness {

  /** The hub's clock in these tests: one minute after the fixtures' first sample. */
  static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<Sample> published = new ArrayList<>();
  private final MessageRouter router;

  DecoderHarness(WearableMqttConfig config) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Rejections rejections = new Rejections(meters, clock);
    SampleGate gate = new SampleGate(clock, config.maxFutureSeconds() * 1000L, rejections,
        new DuplicateFilter(config.lateWindowMinutes() * 60_000L), meters, published::add);
    router = new MessageRouter(config, gate, rejections);
  }

  /** Handles one message arriving now. */
  List<Sample> handle(String topic, byte[] payload) {
    int before = published.size();
    router.handle(new Inbound(topic, payload, NOW.toEpochMilli()));
    return List.copyOf(published.subList(before, published.size()));
  }

  List<Sample> handle(String topic, String payload) {
    return handle(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** How many were dropped for this reason. */
  double rejected(Reason reason) {
    Counter counter = meters.find(Meters.WEARABLE_REJECTED).tag(Meters.TAG_REASON, reason.tag()).counter();
    return counter == null ? 0 : counter.count();
  }

  /** All drops, whatever the reason. */
  double rejectedTotal() {
    return meters.find(Meters.WEARABLE_REJECTED).counters().stream().mapToDouble(Counter::count).sum();
  }

  static List<Double> values(List<Sample> samples) {
    List<Double> values = new ArrayList<>();
    samples.forEach(s -> values.add(s.value()));
    return values;
  }
}
