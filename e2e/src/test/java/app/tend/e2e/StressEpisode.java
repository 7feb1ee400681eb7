package app.tend.e2e;

import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stress episode for the dashboard, from a recording's heart rate: the stress phase whose heart rate
 * rises most over the rest before it (at most ten minutes of it), with that rest (recording format v1). The hub has no stress engine yet, so the stress
 * states are made here: calm during the rest, high during the stress, each carrying the recorded heart
 * rate (the mean of every {@value #STEP_SECONDS} s).
 */
final class StressEpisode {

  static final int STEP_SECONDS = 15;
  private static final int REST_SECONDS = 600;

  private record Beat(long millis, double hr, String label) {}

  private StressEpisode() {}

  /**
   * The episode as stress states for {@code person}, shifted so the last one is at {@code end}.
   *
   * @param recording a recording file whose heart rate has a {@code rest} stretch followed by a {@code stress} one
   */
  static List<StressState> of(Path recording, String person, Instant end) throws IOException {
    List<Beat> hr = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(recording, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (!"t_ms,person,kind,value,label".equals(header)) {
        throw new IOException(recording + ": not a v1 recording (header " + header + ")");
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] cells = line.split(",", -1);
        if (cells[2].equals("hr")) {
          hr.add(new Beat(Long.parseLong(cells[0]), Double.parseDouble(cells[3]), cells[4]));
        }
      }
    }
    List<Beat> episode = null;
    double calm = 0;
    long stressStart = 0;
    double rise = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < hr.size(); i++) {
      if (!hr.get(i).label().equals("stress") || !hr.get(i - 1).label().equals("rest")) {
        continue;
      }
      long start = hr.get(i).millis();
      int after = i;
      while (after < hr.size() && hr.get(after).label().equals("stress")) {
        after++;
      }
      int before = i - 1;
      while (before > 0 && hr.get(before - 1).label().equals("rest") && hr.get(before - 1).millis() >= start - REST_SECONDS * 1000L) {
        before--;
      }
      List<Beat> candidate = hr.subList(before, after);
      double rest = candidate.stream().filter(b -> b.millis() < start).mapToDouble(Beat::hr).average().orElse(Double.NaN);
      double stress = candidate.stream().filter(b -> b.millis() >= start).mapToDouble(Beat::hr).average().orElse(Double.NaN);
      if (stress - rest > rise) {
        rise = stress - rest;
        episode = candidate;
        calm = rest;
        stressStart = start;
      }
    }
    if (episode == null) {
      throw new IOException(recording + ": no stress phase right after a rest phase");
    }
    long last = episode.get(episode.size() - 1).millis();
    long shift = end.toEpochMilli() - last;

    List<StressState> states = new ArrayList<>();
    long stepMillis = STEP_SECONDS * 1000L;
    long first = episode.get(0).millis();
    for (long from = first; from <= last; from += stepMillis) {
      long to = from + stepMillis;
      long start = from;
      List<Beat> window = episode.stream().filter(b -> b.millis() >= start && b.millis() < to).toList();
      if (window.isEmpty()) {
        continue;
      }
      double mean = window.stream().mapToDouble(Beat::hr).average().orElseThrow();
      boolean stressed = window.get(window.size() - 1).label().equals("stress");
      long deltaPct = Math.round(100 * (mean - calm) / calm);
      long sinceStress = (to - stressStart) / 60_000;
      String reason = !stressed ? "heart rate " + Math.round(mean) + " bpm, near your calm level"
          : deltaPct > 0 ? "heart rate " + Math.round(mean) + " bpm, " + deltaPct + "% above your calm level for " + sinceStress + " min"
          : "heart rate " + Math.round(mean) + " bpm during a stress task";
      states.add(new StressState(person, Instant.ofEpochMilli(Math.min(to, last) + shift),
          stressed ? 80 : 20, stressed ? StressLevel.HIGH : StressLevel.CALM, 0.9,
          Map.of(StressState.HEART_RATE, Math.round(mean * 10) / 10.0), reason));
    }
    return states;
  }
}
