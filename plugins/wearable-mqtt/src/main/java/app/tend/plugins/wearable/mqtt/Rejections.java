package app.tend.plugins.wearable.mqtt;

import app.tend.api.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts dropped payloads and samples by reason ({@code tend.wearable.rejected{reason=…}}) and logs
 * them without flooding: the first of each reason at once, then at most one line per reason every
 * {@value #LOG_EVERY_MS} ms saying how many were dropped in between. Safe to call from any thread.
 */
final class Rejections {

  static final long LOG_EVERY_MS = 60_000;

  private static final Logger log = LoggerFactory.getLogger(Rejections.class);

  private final Clock clock;
  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
  private final Map<Reason, long[]> logState = new EnumMap<>(Reason.class);

  Rejections(MeterRegistry meters, Clock clock) {
    this.clock = clock;
    for (Reason reason : Reason.values()) {
      counters.put(reason, Counter.builder(Meters.WEARABLE_REJECTED)
          .description("Wearable payloads or samples dropped, by reason")
          .tag(Meters.TAG_REASON, reason.tag())
          .register(meters));
      // [time of the last line, drops since it]
      logState.put(reason, new long[] {Long.MIN_VALUE, 0});
    }
  }

  /** Counts one drop and logs it if this reason has not been logged for a while. */
  void reject(Reason reason, String topic, String detail) {
    counters.get(reason).increment();
    long[] state = logState.get(reason);
    long now = clock.millis();
    long suppressed;
    synchronized (state) {
      if (state[0] != Long.MIN_VALUE && now - state[0] < LOG_EVERY_MS) {
        state[1]++;
        return;
      }
      suppressed = state[1];
      state[0] = now;
      state[1] = 0;
    }
    if (suppressed > 0) {
      log.warn("Dropped a wearable message on {} ({}): {} ({} more dropped for this reason since the last report)",
          topic, reason.tag(), detail, suppressed);
    } else {
      log.warn("Dropped a wearable message on {} ({}): {}", topic, reason.tag(), detail);
    }
  }
}
