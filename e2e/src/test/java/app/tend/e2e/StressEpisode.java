package app.tend.e2e;

import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import app.tend.hub.recording.Label;
import app.tend.hub.recording.RecordingReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stress episode from a recording, as the samples a wearable would have sent: the stress phase whose
 * heart rate rises most over the rest before it (at most {@value #STRESS_SECONDS} s of it), with up to
 * {@value #REST_SECONDS} s of that rest, every kind, shifted in time so the last sample is at {@code end}.
 */
final class StressEpisode {

  static final int REST_SECONDS = 600;
  static final int STRESS_SECONDS = 480;

  private record Row(long millis, SignalKind kind, double value, Label label) {}

  /**
   * @param samples the episode's samples, for the person given, in time order
   * @param stressStart when (after the shift) the stress phase starts
   */
  record Episode(List<Sample> samples, Instant stressStart) {}

  private StressEpisode() {}

  static Episode of(Path recording, String person, Instant end) {
    List<Row> rows = new ArrayList<>();
    RecordingReader.read(recording, (time, who, kind, value, label) -> rows.add(new Row(time, kind, value, label)));
    List<Row> hr = rows.stream().filter(r -> r.kind() == SignalKind.HR).toList();
    long bestStart = -1;
    long bestEnd = -1;
    double bestRise = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < hr.size(); i++) {
      if (hr.get(i).label() != Label.STRESS || hr.get(i - 1).label() != Label.REST) {
        continue;
      }
      long start = hr.get(i).millis();
      int after = i;
      while (after < hr.size() && hr.get(after).label() == Label.STRESS) {
        after++;
      }
      long stressEnd = Math.min(hr.get(after - 1).millis(), start + STRESS_SECONDS * 1000L);
      double rest = mean(hr, start - REST_SECONDS * 1000L, start, Label.REST);
      double stress = mean(hr, start, stressEnd + 1, Label.STRESS);
      if (stress - rest > bestRise) {
        bestRise = stress - rest;
        bestStart = start;
        bestEnd = stressEnd;
      }
    }
    if (bestStart < 0) {
      throw new IllegalArgumentException(recording + ": no stress phase right after a rest phase");
    }
    long from = bestStart - REST_SECONDS * 1000L;
    long to = bestEnd;
    long shift = end.toEpochMilli() - to;
    List<Sample> samples = new ArrayList<>();
    for (Row row : rows) {
      if (row.millis() >= from && row.millis() <= to) {
        samples.add(new Sample(person, "replayed-watch", row.kind(), Instant.ofEpochMilli(row.millis() + shift), row.value()));
      }
    }
    return new Episode(samples, Instant.ofEpochMilli(bestStart + shift));
  }

  private static double mean(List<Row> rows, long from, long to, Label label) {
    return rows.stream()
        .filter(r -> r.millis() >= from && r.millis() < to && r.label() == label)
        .mapToDouble(Row::value).average().orElse(Double.NaN);
  }
}
