package app.tend.hub.http;

import app.tend.api.Meters;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Makes {@code /metrics} pass {@code promtool check metrics}: a meter registered without a description (most
 * counters are made on first use, with {@code registry.counter(name, tags)}) gets its help text from
 * {@link Meters#HELP}, and the two meters of Micrometer's processor binder that break Prometheus' naming rules
 * are renamed ({@code system_cpu_count} has a {@code _count} suffix, which Prometheus keeps for histograms) or
 * left out ({@code process_cpu_time_ns_total} is in nanoseconds; {@code process_cpu_usage} stays).
 */
public final class PrometheusLint implements MeterFilter {

  /** What {@code system.cpu.count} is exported as. */
  public static final String SYSTEM_CPUS = "system.cpus";

  @Override
  public Meter.Id map(Meter.Id id) {
    if (id.getName().equals("system.cpu.count")) {
      id = id.withName(SYSTEM_CPUS);
    }
    String help = Meters.HELP.get(id.getName());
    if (help == null || id.getDescription() != null) {
      return id;
    }
    return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
        help, id.getType());
  }

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return id.getName().equals("process.cpu.time")
        ? MeterFilterReply.DENY
        : MeterFilterReply.NEUTRAL;
  }
}
