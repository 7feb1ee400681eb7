package app.tend.hub.evaluation;

import app.tend.api.message.SignalKind;
import app.tend.hub.recording.Label;
import app.tend.hub.recording.RecordingReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One person's rows from the recordings, held in primitive arrays so they can be replayed many times cheaply. */
final class PersonRecording {

  private static final SignalKind[] KINDS = SignalKind.values();
  private static final Label[] LABELS = Label.values();

  final String person;
  private long[] times = new long[4096];
  private float[] values = new float[4096];
  private byte[] kinds = new byte[4096];
  private byte[] labels = new byte[4096];
  private int size;

  private PersonRecording(String person) {
    this.person = person;
  }

  /** Reads every file, grouping rows by person (a file may hold several), in file order. */
  static List<PersonRecording> load(List<Path> files) {
    Map<String, PersonRecording> byPerson = new LinkedHashMap<>();
    for (Path file : files) {
      RecordingReader.read(file, (timeMs, person, kind, value, label) ->
          byPerson.computeIfAbsent(person, PersonRecording::new).add(timeMs, kind, value, label));
    }
    return List.copyOf(byPerson.values());
  }

  private void add(long timeMs, SignalKind kind, double value, Label label) {
    if (size == times.length) {
      int capacity = size * 2;
      times = Arrays.copyOf(times, capacity);
      values = Arrays.copyOf(values, capacity);
      kinds = Arrays.copyOf(kinds, capacity);
      labels = Arrays.copyOf(labels, capacity);
    }
    times[size] = timeMs;
    values[size] = (float) value;
    kinds[size] = (byte) kind.ordinal();
    labels[size] = (byte) label.ordinal();
    size++;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[i];
  }

  double value(int i) {
    return values[i];
  }

  SignalKind kind(int i) {
    return KINDS[kinds[i]];
  }

  Label label(int i) {
    return LABELS[labels[i]];
  }

  /** The dataset a person belongs to: the id without its trailing digits ({@code sp07} is in {@code sp}). */
  String dataset() {
    return person.replaceAll("\\d+$", "");
  }
}
