package app.tend.hub.evaluation;

import app.tend.api.message.StressLevel;
import app.tend.hub.config.StressConfig;
import app.tend.hub.recording.Label;
import app.tend.hub.recording.RecordingReader;
import app.tend.hub.stress.Feature;
import app.tend.hub.stress.ModelFitter;
import app.tend.hub.stress.StressEngine;
import app.tend.hub.stress.StressModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays labelled recordings through the stress engine and scores it, leave-one-person-out: for each
 * person the model is refit on everyone else, then that person is replayed with it. A second is called
 * stress when the engine says HIGH; UNKNOWN and every other level count as not stress.
 */
public final class StressEvaluation {

  /** Told how far the evaluation got. */
  @FunctionalInterface
  public interface Progress {
    void step(String what, int done, int total);
  }

  private final StressConfig config;
  private final Progress progress;
  private final List<PersonRecording> recordings;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private List<ModelFitter.PersonData> training;

  private StressEvaluation(List<PersonRecording> recordings, StressConfig config, Progress progress) {
    this.recordings = recordings;
    this.config = config;
    this.progress = progress;
  }

  /** Loads every recording in {@code folder} (or the one file). */
  public static StressEvaluation of(Path folder, StressConfig config, Progress progress) throws IOException {
    List<Path> files = RecordingReader.list(folder);
    if (files.isEmpty()) {
      throw new IOException("no recordings (*.csv, *.csv.gz) in " + folder);
    }
    progress.step("read " + files.size() + " recordings", 0, 1);
    return new StressEvaluation(PersonRecording.load(files), config, progress);
  }

  /** Leave-one-person-out figures. */
  public EvaluationReport leaveOnePersonOut() {
    List<ModelFitter.PersonData> data = training();
    int total = recordings.size();
    for (int i = 0; i < total; i++) {
      PersonRecording recording = recordings.get(i);
      StressModel model = ModelFitter.fit(data, recording.person, "all but " + recording.person);
      tallies.put(recording.person, replay(recording, model, null));
      progress.step("evaluated " + recording.person, i + 1, total);
    }
    return report();
  }

  /** The model fit on every person, as shipped with the hub. */
  public StressModel fitAll() {
    List<String> persons = recordings.stream().map(r -> r.person).toList();
    return ModelFitter.fit(training(), null, persons.size() + " persons: " + String.join(", ", persons));
  }

  /** Figures by dataset ({@code sp}, {@code ne}: the person id without trailing digits). */
  public Map<String, EvaluationReport.Overall> byDataset() {
    Map<String, Tally> groups = new LinkedHashMap<>();
    Map<String, List<Double>> accuracies = new LinkedHashMap<>();
    for (PersonRecording recording : recordings) {
      Tally tally = tallies.get(recording.person);
      if (tally == null) {
        continue;
      }
      groups.computeIfAbsent(recording.dataset(), d -> new Tally()).add(tally);
      Double ba = tally.balancedAccuracy();
      if (ba != null) {
        accuracies.computeIfAbsent(recording.dataset(), d -> new ArrayList<>()).add(ba);
      }
    }
    Map<String, EvaluationReport.Overall> result = new LinkedHashMap<>();
    groups.forEach((dataset, tally) -> result.put(dataset, new EvaluationReport.Overall(
        mean(accuracies.get(dataset)), tally.activityFalseStressRate(), tally.medianDetectSeconds())));
    return result;
  }

  private List<ModelFitter.PersonData> training() {
    if (training == null) {
      // Features do not depend on the model (the baseline learns from still seconds, whatever the score).
      StressModel any = StressModel.shipped();
      training = new ArrayList<>();
      int total = recordings.size();
      for (int i = 0; i < total; i++) {
        List<double[]> rows = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        replay(recordings.get(i), any, (features, label) -> {
          rows.add(features.clone());
          labels.add(label);
        });
        boolean[] stress = new boolean[labels.size()];
        boolean[] activity = new boolean[labels.size()];
        for (int r = 0; r < stress.length; r++) {
          stress[r] = labels.get(r) == Label.STRESS;
          activity[r] = labels.get(r) == Label.ACTIVITY;
        }
        String person = recordings.get(i).person;
        training.add(new ModelFitter.PersonData(person, rows.toArray(new double[0][]), stress, activity));
        progress.step("features of " + person, i + 1, total);
      }
    }
    return training;
  }

  /** Receives the features of each labelled second the engine judged (not ACTIVE, not UNKNOWN). */
  private interface FeatureSink {
    void second(double[] features, Label label);
  }

  private Tally replay(PersonRecording recording, StressModel model, FeatureSink sink) {
    StressEngine engine = new StressEngine(recording.person, model, config);
    Tally tally = new Tally();
    double[] features = new double[Feature.values().length];
    long scoredSecond = Long.MIN_VALUE;
    long phaseStart = Long.MIN_VALUE;
    boolean phaseDetected = false;
    for (int i = 0; i < recording.size(); i++) {
      long timeMs = recording.time(i);
      engine.accept(recording.kind(i), timeMs, recording.value(i));
      Label label = recording.label(i);
      long second = Math.floorDiv(timeMs, 1000);
      if (label == Label.NONE || second == scoredSecond) {
        continue;
      }
      scoredSecond = second;
      // The engine has judged every second before this one: its state is what a listener would see now.
      boolean called = engine.level() == StressLevel.HIGH;
      switch (label) {
        case STRESS -> {
          tally.stress++;
          tally.stressCalled += called ? 1 : 0;
          if (phaseStart == Long.MIN_VALUE) {
            phaseStart = second;
            phaseDetected = false;
          }
          if (called && !phaseDetected) {
            phaseDetected = true;
            tally.detectSeconds.add((double) (second - phaseStart));
          }
        }
        case REST -> {
          tally.rest++;
          tally.restCalled += called ? 1 : 0;
        }
        case ACTIVITY -> {
          tally.activity++;
          tally.activityCalled += called ? 1 : 0;
        }
        case NONE -> throw new IllegalStateException("unlabelled seconds are skipped above");
      }
      if (label != Label.STRESS && phaseStart != Long.MIN_VALUE) {
        endPhase(tally, phaseDetected);
        phaseStart = Long.MIN_VALUE;
      }
      if (sink != null && engine.judgedSecond() != Long.MIN_VALUE
          && engine.level() != StressLevel.ACTIVE && engine.level() != StressLevel.UNKNOWN) {
        engine.features(features);
        sink.second(features, label);
      }
    }
    if (phaseStart != Long.MIN_VALUE) {
      endPhase(tally, phaseDetected);
    }
    return tally;
  }

  private static void endPhase(Tally tally, boolean detected) {
    if (!detected) {
      tally.detectSeconds.add(Double.POSITIVE_INFINITY);
    }
  }

  private EvaluationReport report() {
    List<PersonResult> persons = new ArrayList<>();
    Tally all = new Tally();
    List<Double> accuracies = new ArrayList<>();
    tallies.forEach((person, tally) -> {
      persons.add(new PersonResult(person, round(tally.balancedAccuracy()), round(tally.activityFalseStressRate()),
          tally.medianDetectSeconds()));
      all.add(tally);
      if (tally.balancedAccuracy() != null) {
        accuracies.add(tally.balancedAccuracy());
      }
    });
    return new EvaluationReport(new EvaluationReport.Overall(round(mean(accuracies)),
        round(all.activityFalseStressRate()), all.medianDetectSeconds()), persons);
  }

  private static Double mean(List<Double> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 10_000) / 10_000.0;
  }
}
