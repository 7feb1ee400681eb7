package app.tend.bench;

import app.tend.api.message.Sample;
import app.tend.hub.bench.WearableScript;
import app.tend.hub.config.StressConfig;
import app.tend.hub.stress.StressEngine;
import app.tend.hub.stress.StressModel;
import app.tend.hub.stress.StressTracker;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Samples per second through the stress engine on one core, persons interleaved as on the bus.
 * {@code engine}: the engine alone; {@code serviceStep}: what {@code StressService} does per sample
 * besides the event bus (read the {@link Sample} record, and the {@link StressTracker} finds the person's
 * engine, feeds it and builds a state when one is due). Run {@code -prof gc} to see the bytes allocated per sample.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EngineBenchmark {

  static final int BATCH = 10_000;
  private static final long START_MS = 1_700_000_000_000L;

  @Param({"1000", "10000"})
  int persons;

  private WearableScript script;
  private StressEngine[] engines;
  private String[] ids;
  private StressTracker tracker;
  private int row;
  private int person;
  private long cycleMs;

  @Setup(Level.Trial)
  public void setUp() {
    script = new WearableScript(7);
    engines = new StressEngine[persons];
    ids = new String[persons];
    StressModel model = StressModel.shipped();
    StressConfig config = StressConfig.defaults();
    tracker = new StressTracker(config, model);
    for (int p = 0; p < persons; p++) {
      ids[p] = "person-" + p;
      engines[p] = new StressEngine(ids[p], model, config);
    }
  }

  /** Moves to the next (row, person): every person gets a row before the script moves on. */
  private void advance() {
    if (++person == persons) {
      person = 0;
      if (++row == script.size()) {
        row = 0;
        cycleMs += WearableScript.LENGTH_MS;
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void engine(Blackhole hole) {
    for (int i = 0; i < BATCH; i++) {
      hole.consume(engines[person].accept(script.kinds[row], START_MS + cycleMs + script.offsetsMs[row], script.values[row]));
      advance();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void serviceStep(Blackhole hole) {
    for (int i = 0; i < BATCH; i++) {
      Sample sample = new Sample(ids[person], "wrist", script.kinds[row],
          Instant.ofEpochMilli(START_MS + cycleMs + script.offsetsMs[row]), script.values[row]);
      hole.consume(tracker.accept(sample.person(), sample.kind(), sample.time().toEpochMilli(), sample.value()));
      advance();
    }
  }
}
