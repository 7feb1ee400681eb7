package app.tend.hub.broker;

import app.tend.api.Meters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded broker refused, by reason ({@code tend.broker.refused{reason=…}}), and a log line per reason for
 * each period in which something was refused, naming the last case: so a flood of refusals makes few lines. Counted
 * from HiveMQ's threads, logged from the hub's timer.
 */
final class Refusals {

  /** Why a client or a message was refused. */
  enum Reason {
    TOO_LARGE(Meters.REASON_TOO_LARGE, "clients for a message over mqtt.maxMessageKiB"),
    BAD_CREDENTIALS(Meters.REASON_BAD_CREDENTIALS, "connections without a known user name and its password"),
    NOT_AUTHORIZED(Meters.REASON_NOT_AUTHORIZED, "clients for publishing where their role may not");

    private final String tag;
    private final String what;

    Reason(String tag, String what) {
      this.tag = tag;
      this.what = what;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final Map<Reason, AtomicLong> counts = new EnumMap<>(Reason.class);
  private final Map<Reason, AtomicReference<String>> last = new EnumMap<>(Reason.class);
  private final Map<Reason, Long> logged = new EnumMap<>(Reason.class);

  Refusals(MeterRegistry meters) {
    for (Reason reason : Reason.values()) {
      AtomicLong count = new AtomicLong();
      counts.put(reason, count);
      last.put(reason, new AtomicReference<>(""));
      logged.put(reason, 0L);
      FunctionCounter.builder(Meters.BROKER_REFUSED, count, AtomicLong::doubleValue)
          .description(Meters.HELP.get(Meters.BROKER_REFUSED))
          .tag(Meters.TAG_REASON, reason.tag)
          .register(meters);
    }
  }

  /** Counts one refusal; {@code detail} names the client and what it did, never a password. */
  void refuse(Reason reason, String detail) {
    last.get(reason).set(detail);
    counts.get(reason).incrementAndGet();
  }

  /** Refusals so far for one reason. */
  long count(Reason reason) {
    return counts.get(reason).get();
  }

  /** Logs, per reason, what was refused since the last call; {@code hint} says what to do about each reason. */
  void log(long periodSeconds, Map<Reason, String> hints) {
    for (Reason reason : Reason.values()) {
      long now = counts.get(reason).get();
      long before = logged.get(reason);
      if (now > before) {
        log.warn("The embedded MQTT broker refused {} {} in the last {} s (the last: {}){}", now - before, reason.what,
            periodSeconds, last.get(reason).get(), hints.getOrDefault(reason, ""));
        logged.put(reason, now);
      }
    }
  }
}
