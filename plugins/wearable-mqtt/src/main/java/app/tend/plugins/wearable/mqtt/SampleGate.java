package app.tend.plugins.wearable.mqtt;

import app.tend.api.Meters;
import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The last check before a sample goes on the bus: plausible value, plausible time, not a duplicate, not too late.
 * Publishes what passes and counts it ({@code tend.samples.received{kind=…}}); counts what does not.
 */
final class SampleGate {

  /** Times before this (2001-09-09) are seconds sent as milliseconds, or a clock that was never set. */
  static final long OLDEST_MILLIS = 1_000_000_000_000L;

  private final Clock clock;
  private final long maxFutureMillis;
  private final Rejections rejections;
  private final DuplicateFilter duplicates;
  private final Consumer<Sample> publish;
  // Counted here and read when the registry is scraped: a registry counter per sample was a measurable cost.
  private final LongAdder[] received = new LongAdder[SignalKind.values().length];

  SampleGate(Clock clock, long maxFutureMillis, Rejections rejections, DuplicateFilter duplicates, MeterRegistry meters,
      Consumer<Sample> publish) {
    this.duplicates = duplicates;
    this.clock = clock;
    this.maxFutureMillis = maxFutureMillis;
    this.rejections = rejections;
    this.publish = publish;
    for (SignalKind kind : SignalKind.values()) {
      LongAdder count = new LongAdder();
      received[kind.ordinal()] = count;
      FunctionCounter.builder(Meters.SAMPLES_RECEIVED, count, LongAdder::doubleValue)
          .description("Samples turned into Sample records and published")
          .tag(Meters.TAG_KIND, kind.wireName())
          .register(meters);
    }
  }

  /** Checks and publishes every sample of one decoded message. */
  void accept(String topic, DecodedSamples samples) {
    long now = clock.millis();
    long latest = now + maxFutureMillis;
    for (int i = 0; i < samples.size(); i++) {
      SignalKind kind = samples.kind(i);
      long time = samples.time(i);
      double value = samples.value(i);
      if (!Double.isFinite(value) || !PlausibleRanges.contains(kind, value)) {
        rejections.reject(Reason.OUT_OF_RANGE, topic, kind.wireName() + " " + value + " is outside "
            + PlausibleRanges.min(kind) + "-" + PlausibleRanges.max(kind) + " " + kind.unit());
      } else if (time > latest) {
        rejections.reject(Reason.TIME_IN_FUTURE, topic, "time " + Instant.ofEpochMilli(time)
            + " is more than " + maxFutureMillis / 1000 + " s ahead of the hub's clock");
      } else if (time < OLDEST_MILLIS) {
        rejections.reject(Reason.TIME_TOO_OLD, topic, "time " + time + " is before 2001 (seconds instead of milliseconds?)");
      } else {
        DuplicateFilter.Verdict verdict = samples.timed()
            ? duplicates.check(samples.person(), samples.device(), kind, time, now) : DuplicateFilter.Verdict.NEW;
        switch (verdict) {
          case NEW -> {
            publish.accept(new Sample(samples.person(), samples.device(), kind, Instant.ofEpochMilli(time), value));
            received[kind.ordinal()].increment();
          }
          case DUPLICATE -> rejections.reject(Reason.DUPLICATE, topic,
              kind.wireName() + " at " + Instant.ofEpochMilli(time) + " arrived again");
          case TOO_LATE -> rejections.reject(Reason.TOO_LATE, topic, kind.wireName() + " at "
              + Instant.ofEpochMilli(time) + " is further behind the newest " + kind.wireName()
              + " of this device than lateWindowMinutes allows");
        }
      }
    }
  }
}
