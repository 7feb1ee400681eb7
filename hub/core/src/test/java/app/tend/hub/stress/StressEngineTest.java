package app.tend.hub.stress;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.SignalKind;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.config.StressConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StressEngineTest {

  private static final long START_MS = 1_700_000_000_000L;

  private final StressEngine engine = new StressEngine("ana", StressModel.shipped(), StressConfig.defaults());
  private final List<StressLevel> levels = new ArrayList<>();
  private final SyntheticWearable wearable = new SyntheticWearable(START_MS, (kind, timeMs, value) -> {
    if (engine.accept(kind, timeMs, value)) {
      levels.add(engine.level());
    }
  });

  /** Levels of the seconds judged since {@code from} (an index into {@link #levels}). */
  private List<StressLevel> since(int from) {
    return levels.subList(from, levels.size());
  }

  @Test
  void calmPersonStaysCalm() {
    wearable.run(SyntheticWearable.Phase.calm(), 20 * 60);

    assertThat(since(60)).doesNotContain(StressLevel.HIGH, StressLevel.ACTIVE, StressLevel.UNKNOWN);
    assertThat(engine.level()).isEqualTo(StressLevel.CALM);
    assertThat(engine.state().reason()).isEqualTo("close to your calm level");
  }

  @Test
  void stressEpisodeBecomesHighWithAReadableReason() {
    wearable.run(SyntheticWearable.Phase.calm(), 10 * 60);
    int episode = levels.size();
    wearable.run(SyntheticWearable.Phase.calm(), SyntheticWearable.Phase.stressed(), 60);
    wearable.run(SyntheticWearable.Phase.stressed(), 5 * 60);

    assertThat(since(episode)).contains(StressLevel.HIGH);
    StressState state = engine.state();
    assertThat(state.level()).isEqualTo(StressLevel.HIGH);
    assertThat(state.score()).isGreaterThanOrEqualTo(StressConfig.defaults().highScore());
    assertThat(state.reason())
        .matches("heart rate \\d+% above your calm level for \\d+ minutes, heart-rate variability down.*");
    assertThat(state.features()).containsKeys("hrDeltaPct", "lnRmssd", "scrPerMin", "hrZ", "edaZ");
    assertThat(state.features().get("hrDeltaPct")).isBetween(20.0, 35.0);
    assertThat(state.confidence()).isGreaterThan(0.8);
  }

  @Test
  void exerciseIsActiveNotHighAndStaysCautiousWhileHeartRateRecovers() {
    wearable.run(SyntheticWearable.Phase.calm(), 10 * 60);
    int exercise = levels.size();
    wearable.run(SyntheticWearable.Phase.exercise(), 5 * 60);
    List<StressLevel> during = List.copyOf(since(exercise + 20));
    int after = levels.size();
    SyntheticWearable.Phase resting = new SyntheticWearable.Phase(64, 45, 2.2, 1, 0.003, 0);
    SyntheticWearable.Phase stillRaised = new SyntheticWearable.Phase(95, 20, 2.4, 2, 0.003, 0);
    wearable.run(stillRaised, 60);
    StressState oneMinuteAfter = engine.state();
    wearable.run(stillRaised, resting, 120);
    List<StressLevel> recovery = List.copyOf(since(after));

    assertThat(during).containsOnly(StressLevel.ACTIVE);
    assertThat(engine.state().level()).isNotEqualTo(StressLevel.HIGH);
    assertThat(recovery).doesNotContain(StressLevel.HIGH);
    assertThat(oneMinuteAfter.level()).isEqualTo(StressLevel.ACTIVE);
    assertThat(oneMinuteAfter.reason()).startsWith("recovering from activity, heart rate");
  }

  @Test
  void burstsOfGestureAreNotActivityButSteadyMovementIs() {
    SyntheticWearable.Phase moving = new SyntheticWearable.Phase(70, 40, 2.0, 1, 0.06, 0);
    wearable.run(SyntheticWearable.Phase.calm(), 10 * 60);
    int talking = levels.size();
    wearable.gesturing(true);
    wearable.run(moving, 3 * 60);
    List<StressLevel> whileTalking = List.copyOf(since(talking));
    int walking = levels.size();
    wearable.gesturing(false);
    wearable.run(moving, 60);

    assertThat(whileTalking).doesNotContain(StressLevel.ACTIVE);
    assertThat(since(walking + 20)).containsOnly(StressLevel.ACTIVE);
  }

  @Test
  void lostSignalGivesUnknown() {
    wearable.run(SyntheticWearable.Phase.calm(), 5 * 60);
    wearable.sensors(false);
    wearable.run(SyntheticWearable.Phase.calm(), 60);

    StressState state = engine.state();
    assertThat(state.level()).isEqualTo(StressLevel.UNKNOWN);
    assertThat(state.confidence()).isZero();
    assertThat(state.reason()).startsWith("no heart-rate or skin-conductance signal for ");
  }

  @Test
  void coldStartJudgesWithinTheFirstMinuteAndSaysItIsStillLearning() {
    wearable.run(SyntheticWearable.Phase.calm(), 60);

    assertThat(engine.level()).isEqualTo(StressLevel.CALM);
    assertThat(engine.state().reason()).endsWith("(still learning your calm level)");
    assertThat(engine.confidence()).isLessThan(0.8);
  }

  @Test
  void restoredBaselineKnowsThePersonAtOnce() {
    wearable.run(SyntheticWearable.Phase.calm(), 10 * 60);
    BaselineSnapshot saved = engine.baseline();
    StressEngine restarted = new StressEngine("ana", StressModel.shipped(), StressConfig.defaults());
    restarted.restore(saved);
    BaselineSnapshot restored = restarted.baseline();
    SyntheticWearable later = new SyntheticWearable(wearable.timeMs() + 3_600_000, restarted::accept);
    later.run(SyntheticWearable.Phase.stressed(), 90);

    assertThat(restored).isEqualTo(saved);
    assertThat(saved.stats()).containsKeys("hrZ", "edaZ", "scrZ", "hrvZ");
    assertThat(restarted.state().features().get("hrDeltaPct")).isGreaterThan(20.0);
    assertThat(restarted.state().reason()).doesNotContain("still learning");
  }

  @Test
  void samplesUpToFourSecondsOutOfOrderStillShowAStressEpisode() {
    List<long[]> arrivals = new ArrayList<>(); // {arrival, time, kind, value bits}
    Random jitter = new Random(5);
    SyntheticWearable shuffled = new SyntheticWearable(START_MS, (kind, timeMs, value) ->
        arrivals.add(new long[] {timeMs + jitter.nextInt(4_000), timeMs, kind.ordinal(),
            Double.doubleToLongBits(value)}));
    shuffled.run(SyntheticWearable.Phase.calm(), 10 * 60);
    shuffled.run(SyntheticWearable.Phase.calm(), SyntheticWearable.Phase.stressed(), 60);
    shuffled.run(SyntheticWearable.Phase.stressed(), 5 * 60);
    arrivals.sort(Comparator.comparingLong(a -> a[0]));

    for (long[] a : arrivals) {
      engine.accept(SignalKind.values()[(int) a[2]], a[1], Double.longBitsToDouble(a[3]));
    }

    assertThat(engine.late()).isZero();
    assertThat(engine.level()).isEqualTo(StressLevel.HIGH);
    assertThat(engine.state().features()).containsKey("lnRmssd");
    assertThat(engine.state().features().get("hrvZ")).as("heart-rate variability down").isLessThan(-2.0);
  }

  @Test
  void samplesFarOutOfOrderAreDroppedAndImplausibleValuesIgnored() {
    wearable.run(SyntheticWearable.Phase.calm(), 120);
    long now = wearable.timeMs();
    engine.accept(app.tend.api.message.SignalKind.HR, now - 60_000, 200);
    engine.accept(app.tend.api.message.SignalKind.HR, now, 400);
    engine.accept(app.tend.api.message.SignalKind.EDA, now, -1);

    assertThat(engine.dropped()).isEqualTo(3);
    assertThat(engine.late()).isEqualTo(1);
  }
}
