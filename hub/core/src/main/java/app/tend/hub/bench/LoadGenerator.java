package app.tend.hub.bench;

import app.tend.api.message.SignalKind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Simulated wrist wearables publishing Tend's own format: every person replays the {@link WearableScript}
 * (about 8 samples a second of sample time) from a different starting row, as single-sample messages on
 * {@code tend/wearable/<person>/bench/<kind>} or as batches on {@code tend/wearable/<person>/bench}.
 * Persons are spread over several connections (each person always on the same one, so its messages keep
 * their order), one thread each, paced to a total rate of messages per second; QoS 1 keeps at most
 * {@code window} messages per connection unacknowledged. Sample time runs as fast as the rate makes it.
 */
final class LoadGenerator implements AutoCloseable {

  /**
   * @param host the broker's host
   * @param port the broker's port
   * @param persons simulated wearables
   * @param connections MQTT connections (and threads) they share
   * @param rate messages per second in all, 0 for as fast as the broker takes them
   * @param batch samples per message; 1 publishes single-sample messages
   * @param qos 0 or 1
   * @param window most unacknowledged QoS 1 messages per connection
   * @param startMs the sample time the script starts at, Unix ms
   * @param rampSeconds seconds over which the rate climbs from zero to {@code rate}, so a cold hub is not flooded
   * @param username the broker user name, if it wants one
   * @param password its password
   */
  record Settings(String host, int port, int persons, int connections, double rate, int batch, int qos, int window,
      long startMs, int rampSeconds, Optional<String> username, Optional<String> password) {}

  private static final int MAX_PER_ROUND = 256;
  private static final long IDLE_NANOS = 1_000_000;

  private final Settings settings;
  private final WearableScript script = new WearableScript(7);
  private final byte[][] values;
  private final byte[][][] singleTopics;
  private final byte[][] batchTopics;
  private final byte[][] kindNames;
  private final LatencyBook latencies;
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopped;

  LoadGenerator(Settings settings, LatencyBook latencies) {
    this.settings = settings;
    this.latencies = latencies;
    values = new byte[script.size()][];
    for (int row = 0; row < script.size(); row++) {
      String text = BigDecimal.valueOf(Math.round(script.values[row] * 10_000) / 10_000.0).stripTrailingZeros().toPlainString();
      values[row] = text.getBytes(StandardCharsets.US_ASCII);
    }
    int kinds = SignalKind.values().length;
    singleTopics = new byte[settings.persons()][kinds][];
    batchTopics = new byte[settings.persons()][];
    kindNames = new byte[kinds][];
    for (SignalKind kind : SignalKind.values()) {
      kindNames[kind.ordinal()] = kind.wireName().getBytes(StandardCharsets.US_ASCII);
    }
    for (int p = 0; p < settings.persons(); p++) {
      String base = "tend/wearable/" + personId(p) + "/bench";
      batchTopics[p] = base.getBytes(StandardCharsets.US_ASCII);
      for (SignalKind kind : SignalKind.values()) {
        singleTopics[p][kind.ordinal()] = (base + "/" + kind.wireName()).getBytes(StandardCharsets.US_ASCII);
      }
    }
  }

  /** The id of simulated person {@code index}. */
  static String personId(int index) {
    return String.format(Locale.ROOT, "b%05d", index);
  }

  /** The index of a simulated person's id, or -1 for another id. */
  static int personIndex(String id) {
    if (id.length() != 6 || id.charAt(0) != 'b') {
      return -1;
    }
    int index = 0;
    for (int i = 1; i < 6; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    return index;
  }

  /** Connects every connection and starts publishing. */
  void start() throws IOException {
    for (int c = 0; c < settings.connections(); c++) {
      RawPublisher publisher = new RawPublisher(settings.host(), settings.port(), "tend-bench-" + c,
          settings.username(), settings.password());
      workers.add(new Worker(c, publisher));
    }
    for (Worker worker : workers) {
      worker.thread.start();
    }
  }

  /** Messages sent so far (for QoS 1: acknowledged by the broker). */
  long messages() {
    long sum = 0;
    for (Worker worker : workers) {
      sum += settings.qos() > 0 ? worker.publisher.acked() : worker.sentMessages;
    }
    return sum;
  }

  /**
   * Samples in the messages sent so far (for QoS 1: acknowledged by the broker; what was still in the
   * generator's buffer when it closed never reached the broker and must not count as lost by the hub).
   */
  long samples() {
    return settings.qos() > 0 ? messages() * Math.max(1, settings.batch()) : publishedSamples();
  }

  /** Samples in the messages published so far, acknowledged or not. */
  long publishedSamples() {
    long sum = 0;
    for (Worker worker : workers) {
      sum += worker.sentSamples;
    }
    return sum;
  }

  /** CPU time of the generator's threads (publishing and reading acknowledgements), in nanoseconds. */
  long cpuNanos() {
    long sum = 0;
    var threads = ManagementFactory.getThreadMXBean();
    for (Worker worker : workers) {
      long t = threads.getThreadCpuTime(worker.thread.getId());
      sum += Math.max(0, t) + worker.publisher.readerCpuNanos();
    }
    return sum;
  }

  /** Why publishing stopped early, or null. */
  Throwable failure() {
    return failure.get();
  }

  /** Stops publishing; waits for the threads. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    for (Worker worker : workers) {
      worker.thread.join(10_000);
      try {
        worker.publisher.close();
      } catch (IOException e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  /** One connection: its persons, their place in the script, and the pacing. */
  private final class Worker {
    final Thread thread;
    final RawPublisher publisher;
    final int[] persons;
    final int[] rows;
    final long[] cycles;
    final long[] lastSeconds;
    final byte[] payload;
    volatile long sentMessages;
    volatile long sentSamples;

    Worker(int index, RawPublisher publisher) {
      this.publisher = publisher;
      int count = (settings.persons() - index + settings.connections() - 1) / settings.connections();
      persons = new int[count];
      rows = new int[count];
      cycles = new long[count];
      lastSeconds = new long[count];
      for (int i = 0; i < count; i++) {
        persons[i] = index + i * settings.connections();
        rows[i] = (int) ((persons[i] * 7919L) % script.size());
        lastSeconds[i] = Long.MIN_VALUE;
      }
      payload = new byte[64 + settings.batch() * 64];
      thread = new Thread(this::run, "bench-publisher-" + index);
      thread.setDaemon(true);
    }

    private void run() {
      double perNano = settings.rate() / settings.connections() / 1e9;
      long start = System.nanoTime();
      long sent = 0;
      int next = 0;
      try {
        while (!stopped) {
          long now = System.nanoTime();
          long due = settings.rate() > 0 ? due(now - start, perNano) : Long.MAX_VALUE;
          long n = Math.min(due - sent, MAX_PER_ROUND);
          if (settings.qos() > 0) {
            n = Math.min(n, settings.window() - (publisher.published() - publisher.acked()));
          }
          if (n <= 0 || persons.length == 0) {
            // Nothing due: messages go out in bursts at most a millisecond apart, without a thread spinning.
            publisher.flush();
            LockSupport.parkNanos(IDLE_NANOS);
            continue;
          }
          long samples = 0;
          for (long i = 0; i < n; i++) {
            samples += message(next, now);
            next = next + 1 == persons.length ? 0 : next + 1;
          }
          publisher.flush();
          sent += n;
          sentMessages = sent;
          sentSamples += samples;
        }
      } catch (IOException | RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }

    /** Messages due after {@code elapsed} nanoseconds: the rate climbs linearly during the ramp, then holds. */
    private long due(long elapsed, double perNano) {
      long ramp = settings.rampSeconds() * 1_000_000_000L;
      if (elapsed >= ramp) {
        return (long) ((elapsed - ramp / 2.0) * perNano);
      }
      return (long) (elapsed * (elapsed / (double) ramp) / 2 * perNano);
    }

    /** Publishes the person's next sample or batch; returns the samples in it. */
    private int message(int slot, long nanos) throws IOException {
      int person = persons[slot];
      if (settings.batch() <= 1) {
        int row = rows[slot];
        int length = 0;
        length = put(payload, length, "{\"t\":");
        length = putTime(payload, length, sampleTime(slot, nanos));
        length = put(payload, length, ",\"v\":");
        length = put(payload, length, values[row]);
        payload[length++] = '}';
        publisher.publish(singleTopics[person][script.kinds[row].ordinal()], payload, length, settings.qos());
        step(slot);
        return 1;
      }
      int length = put(payload, 0, "{\"samples\":[");
      for (int i = 0; i < settings.batch(); i++) {
        int row = rows[slot];
        length = put(payload, length, i == 0 ? "{\"t\":" : ",{\"t\":");
        length = putTime(payload, length, sampleTime(slot, nanos));
        length = put(payload, length, ",\"kind\":\"");
        length = put(payload, length, kindNames[script.kinds[row].ordinal()]);
        length = put(payload, length, "\",\"v\":");
        length = put(payload, length, values[row]);
        payload[length++] = '}';
        step(slot);
      }
      length = put(payload, length, "]}");
      publisher.publish(batchTopics[person], payload, length, settings.qos());
      return settings.batch();
    }

    /** The sample time of the person's current row; notes the send time when it opens a new second. */
    private long sampleTime(int slot, long nanos) {
      long time = settings.startMs() + cycles[slot] * WearableScript.LENGTH_MS + script.offsetsMs[rows[slot]];
      long second = Math.floorDiv(time, 1000);
      if (second > lastSeconds[slot]) {
        lastSeconds[slot] = second;
        latencies.opened(persons[slot], second, nanos);
      }
      return time;
    }

    private void step(int slot) {
      if (++rows[slot] == script.size()) {
        rows[slot] = 0;
        cycles[slot]++;
      }
    }
  }

  private static int put(byte[] into, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      into[at++] = (byte) ascii.charAt(i);
    }
    return at;
  }

  private static int put(byte[] into, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, into, at, bytes.length);
    return at + bytes.length;
  }

  private static int putTime(byte[] into, int at, long value) {
    int digits = value < 10 ? 1 : (int) Math.log10(value) + 1;
    for (int i = digits - 1; i >= 0; i--) {
      into[at + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + digits;
  }

  /** Sample time advances this many times faster than the wall clock at the given rate. */
  static double speed(double rate, int persons, int batch) {
    WearableScript script = new WearableScript(7);
    double samplesPerSecondOfSampleTime = script.size() / (WearableScript.LENGTH_MS / 1000.0);
    return rate * batch / persons / samplesPerSecondOfSampleTime;
  }
}
