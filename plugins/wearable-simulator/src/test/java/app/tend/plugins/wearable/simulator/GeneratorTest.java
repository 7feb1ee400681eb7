package app.tend.plugins.wearable.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulated physiology over the default timeline (calm 10 min, stress 8, walk 6, recovery 10). */
class GeneratorTest {

  private static final long START = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  @Test
  void stressRaisesHeartRateAndLowersRmssdAgainstCalm() {
    List<Sample> samples = run(WearableSimulatorConfig.defaults());
    // The last five minutes of each phase, once the body has settled.
    double calmHr = mean(samples, SignalKind.HR, 5 * MINUTE, 10 * MINUTE);
    double stressHr = mean(samples, SignalKind.HR, 13 * MINUTE, 18 * MINUTE);
    double calmRmssd = rmssd(samples, 5 * MINUTE, 10 * MINUTE);
    double stressRmssd = rmssd(samples, 13 * MINUTE, 18 * MINUTE);

    assertThat(stressHr).isGreaterThan(calmHr + 10);
    assertThat(stressRmssd).isLessThan(calmRmssd * 0.7);
    assertThat(calmRmssd).isBetween(25.0, 80.0);
  }

  @Test
  void stressBringsMoreSkinConductanceResponsesAndWalkingBringsStepsAndMotion() {
    List<Sample> samples = run(WearableSimulatorConfig.defaults());

    assertThat(mean(samples, SignalKind.EDA, 13 * MINUTE, 18 * MINUTE))
        .isGreaterThan(mean(samples, SignalKind.EDA, 5 * MINUTE, 10 * MINUTE));
    assertThat(sum(samples, SignalKind.STEPS, 19 * MINUTE, 24 * MINUTE)).isGreaterThan(400);
    assertThat(sum(samples, SignalKind.STEPS, 0, 10 * MINUTE)).isZero();
    assertThat(mean(samples, SignalKind.MOTION, 19 * MINUTE, 24 * MINUTE))
        .isGreaterThan(5 * mean(samples, SignalKind.MOTION, 13 * MINUTE, 18 * MINUTE));
  }

  @Test
  void everyKindIsPlausibleAndItsTimesIncreasePerPerson() {
    WearableSimulatorConfig config = new WearableSimulatorConfig(List.of("ana", "ben"), null, null, false, 7L, null,
        null, null, null);
    List<Sample> samples = run(config);

    Map<SignalKind, double[]> ranges = new EnumMap<>(Map.of(
        SignalKind.HR, new double[] {25, 240}, SignalKind.RR, new double[] {250, 2500},
        SignalKind.EDA, new double[] {0, 100}, SignalKind.SKIN_TEMP, new double[] {15, 45},
        SignalKind.MOTION, new double[] {0, 16}, SignalKind.STEPS, new double[] {0, 100}));
    assertThat(samples.stream().map(Sample::kind).collect(Collectors.toSet())).isEqualTo(ranges.keySet());
    assertThat(samples).allSatisfy(s -> assertThat(s.value())
        .as("%s %s", s.kind(), s.time()).isBetween(ranges.get(s.kind())[0], ranges.get(s.kind())[1]));
    Map<String, Long> last = new HashMap<>();
    for (Sample s : samples) {
      String key = s.person() + "/" + s.kind();
      long t = s.time().toEpochMilli();
      assertThat(t).as(key).isGreaterThan(last.getOrDefault(key, Long.MIN_VALUE));
      last.put(key, t);
    }
    assertThat(samples).extracting(Sample::person).containsOnly("ana", "ben");
  }

  @Test
  void theSameSeedGivesTheSameSignals() {
    assertThat(run(WearableSimulatorConfig.defaults()).subList(0, 2_000))
        .isEqualTo(run(WearableSimulatorConfig.defaults()).subList(0, 2_000));
  }

  private static List<Sample> run(WearableSimulatorConfig config) {
    Generator generator = new Generator(config, START);
    List<Sample> samples = new ArrayList<>();
    long end = START + new Timeline(config.phases()).lengthMillis();
    generator.advanceTo(end, Integer.MAX_VALUE, samples::add);
    return samples;
  }

  private static List<Double> values(List<Sample> samples, SignalKind kind, long from, long to) {
    return samples.stream()
        .filter(s -> s.kind() == kind && s.person().equals(samples.get(0).person()))
        .filter(s -> s.time().toEpochMilli() >= START + from && s.time().toEpochMilli() < START + to)
        .map(Sample::value)
        .toList();
  }

  private static double mean(List<Sample> samples, SignalKind kind, long from, long to) {
    return values(samples, kind, from, to).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static double sum(List<Sample> samples, SignalKind kind, long from, long to) {
    return values(samples, kind, from, to).stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double rmssd(List<Sample> samples, long from, long to) {
    List<Double> rr = values(samples, SignalKind.RR, from, to);
    double sum = 0;
    for (int i = 1; i < rr.size(); i++) {
      double d = rr.get(i) - rr.get(i - 1);
      sum += d * d;
    }
    return Math.sqrt(sum / (rr.size() - 1));
  }
}
