package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The samples decoded from one message, for one person and device, kept in reusable arrays so a
 * message costs no allocation beyond the published samples. Samples that had to be skipped inside an
 * otherwise good payload are kept with their reason.
 */
final class DecodedSamples {

  /** A sample skipped inside a good payload. */
  record Skipped(Reason reason, String detail) {}

  /** The most samples one message may carry. */
  static final int MAX_SAMPLES = 10_000;

  private String person;
  private String device;
  private boolean timed;
  private int size;
  private SignalKind[] kinds = new SignalKind[16];
  private long[] times = new long[16];
  private double[] values = new double[16];
  private final List<Skipped> skipped = new ArrayList<>();

  /** Empties it for the next message. */
  void clear() {
    person = null;
    device = null;
    timed = false;
    size = 0;
    skipped.clear();
  }

  /**
   * Says whose samples follow.
   *
   * @param timed true when the times come from the payload itself (so a re-delivery can be recognised),
   *     false when they are arrival times
   */
  void source(String person, String device, boolean timed) {
    this.person = person;
    this.device = device;
    this.timed = timed;
  }

  void add(SignalKind kind, long timeMillis, double value) throws RejectedPayload {
    if (size == kinds.length) {
      if (size >= MAX_SAMPLES) {
        throw RejectedPayload.malformed("more than " + MAX_SAMPLES + " samples in one message");
      }
      int grown = Math.min(size * 2, MAX_SAMPLES);
      kinds = Arrays.copyOf(kinds, grown);
      times = Arrays.copyOf(times, grown);
      values = Arrays.copyOf(values, grown);
    }
    kinds[size] = kind;
    times[size] = timeMillis;
    values[size] = value;
    size++;
  }

  void skip(Reason reason, String detail) {
    skipped.add(new Skipped(reason, detail));
  }

  String person() {
    return person;
  }

  String device() {
    return device;
  }

  boolean timed() {
    return timed;
  }

  int size() {
    return size;
  }

  SignalKind kind(int i) {
    return kinds[i];
  }

  long time(int i) {
    return times[i];
  }

  double value(int i) {
    return values[i];
  }

  List<Skipped> skipped() {
    return skipped;
  }
}
