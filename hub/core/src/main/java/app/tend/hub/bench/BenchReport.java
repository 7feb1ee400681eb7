package app.tend.hub.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run.
 *
 * @param settings what was run
 * @param broker which broker
 * @param sentMessages messages per second the generator had acknowledged (QoS 1) or sent (QoS 0)
 * @param sentSamples samples per second in them
 * @param hubMessages messages per second the plugin took off the broker
 * @param hubSamples samples per second the plugin published on the bus
 * @param backlogStart samples sent but not yet published by the plugin, at the start of the window
 * @param backlogEnd the same at its end
 * @param backlogSlope how fast that backlog grew over the window, samples per second (least squares)
 * @param queueMax the most messages waiting in the plugin's queue ({@code tend.wearable.queue}) at a reading
 * @param brokerStoreMax the most messages in Mosquitto's store ({@code $SYS}); -1 for the embedded broker
 * @param brokerDropped messages the broker dropped since it started: Mosquitto's {@code $SYS} count, or the embedded
 *     broker's ({@code tend.broker.messages.dropped})
 * @param lost samples sent (for QoS 1: acknowledged by the broker) that the plugin never published (lost, or
 *     rejected), after a drain of up to 30 s
 * @param rejected samples or messages the plugin dropped, by reason
 * @param p50Nanos median publish-to-state latency
 * @param p99Nanos 99th percentile of it
 * @param maxNanos the longest
 * @param latencies how many states were timed
 * @param unmatched states whose triggering message was not found
 * @param processCores CPU time of this JVM (hub, plugin, generator, embedded broker) per wall second
 * @param generatorCores the part of it spent in the generator's publishing threads
 * @param brokerCores CPU time of the external broker per wall second, -1 when its process is not known
 * @param machineBusy the share of the whole machine's CPU busy (every process, other users too)
 * @param heapPerThousandBytes heap retained per 1,000 persons after GC
 * @param loadStart the load average (1, 5, 15 min) when measuring began
 * @param loadEnd the load average when it ended
 */
public record BenchReport(Bench.Settings settings, String broker, double sentMessages, double sentSamples,
    double hubMessages, double hubSamples, long backlogStart, long backlogEnd, double backlogSlope, long queueMax,
    long brokerStoreMax, long brokerDropped, long lost, Map<String, Double> rejected, long p50Nanos, long p99Nanos, long maxNanos,
    int latencies, long unmatched, double processCores, double generatorCores, double brokerCores, double machineBusy,
    double heapPerThousandBytes, String loadStart, String loadEnd) {

  /**
   * True when the hub kept up: it published at least 99% of the samples sent, the backlog did not grow by
   * more than 1% of the rate per second, and nothing was lost. (The hub also takes the prompts it publishes
   * to wrists, so its message count can pass the generator's.)
   */
  public boolean sustained() {
    return hubSamples >= 0.99 * sentSamples && backlogSlope <= 0.01 * Math.max(sentSamples, 1) && lost <= 0
        && !rejected.containsKey("overflow");
  }

  /** Prints the figures as a small table. */
  public void print(PrintWriter out) {
    Bench.Settings s = settings;
    out.printf(Locale.ROOT, "Tend bench: %s, %,d persons, %s, QoS %d, %s, %d generator connections, %d s measured after %d s warm-up%n",
        broker, s.persons(), s.batch() <= 1 ? "single-sample messages" : "batches of " + s.batch() + " samples",
        s.qos(), s.rate() > 0 ? String.format(Locale.ROOT, "target %,.0f msg/s", s.rate()) : "as fast as possible",
        s.connections(), s.seconds(), s.warmupSeconds());
    out.printf(Locale.ROOT, "  load average          %s at start, %s at end (1, 5, 15 min)%n", loadStart, loadEnd);
    out.printf(Locale.ROOT, "  sent                  %,.0f msg/s, %,.0f samples/s%n", sentMessages, sentSamples);
    out.printf(Locale.ROOT, "  through the hub       %,.0f msg/s, %,.0f samples/s%n", hubMessages, hubSamples);
    out.printf(Locale.ROOT, "  backlog (samples)     %,d at start, %,d at end, growing %,.0f/s; plugin queue max %,d messages%s%n",
        backlogStart, backlogEnd, backlogSlope, queueMax,
        brokerStoreMax >= 0 ? String.format(Locale.ROOT, "; broker store max %,d", brokerStoreMax) : "");
    out.printf(Locale.ROOT, "  lost after drain      %,d samples%s%s%n", lost,
        brokerDropped >= 0 ? String.format(Locale.ROOT, "; broker dropped %,d since it started", brokerDropped) : "",
        rejected.isEmpty() ? "" : "; rejected " + rejected);
    out.printf(Locale.ROOT, "  sustained             %s%n", sustained() ? "yes" : "NO");
    out.printf(Locale.ROOT, "  publish -> state      p50 %s, p99 %s, max %s (%,d states timed%s)%n", ms(p50Nanos), ms(p99Nanos),
        ms(maxNanos), latencies, unmatched > 0 ? ", " + unmatched + " unmatched" : "");
    double hubCores = processCores - generatorCores;
    out.printf(Locale.ROOT, "  CPU                   %.2f cores this JVM: generator %.2f, %s %.2f (%.0f µs per message)%s; machine %.0f%% busy of %d cores%n",
        processCores, generatorCores, settings.mqttUrl() == null ? "hub and embedded broker" : "hub", hubCores,
        hubCores / Math.max(hubMessages, 1) * 1e6,
        brokerCores >= 0 ? String.format(Locale.ROOT, "; broker %.2f (%.0f µs per message)", brokerCores,
            brokerCores / Math.max(hubMessages, 1) * 1e6) : "",
        100 * machineBusy, Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "  heap                  %,.0f KiB per 1,000 persons (%,.1f KiB per person)%n",
        heapPerThousandBytes / 1024, heapPerThousandBytes / 1024 / 1000);
    out.flush();
  }

  private static String ms(long nanos) {
    return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
