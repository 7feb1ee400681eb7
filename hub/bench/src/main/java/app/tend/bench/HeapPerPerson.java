package app.tend.bench;

import app.tend.hub.bench.WearableScript;
import app.tend.hub.config.StressConfig;
import app.tend.hub.stress.StressEngine;
import app.tend.hub.stress.StressModel;
import java.util.Locale;

/**
 * Heap retained per person: builds N engines (default 10,000), feeds each ten minutes of samples, and
 * compares the live heap after a full GC with the heap before. Run:
 * {@code java -cp hub/bench/target/benchmarks.jar app.tend.bench.HeapPerPerson [persons]}.
 */
public final class HeapPerPerson {

  private HeapPerPerson() {}

  public static void main(String[] args) throws InterruptedException {
    int persons = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    WearableScript script = new WearableScript(7);
    StressModel model = StressModel.shipped();
    StressConfig config = StressConfig.defaults();
    long before = usedAfterGc();
    StressEngine[] engines = new StressEngine[persons];
    for (int p = 0; p < persons; p++) {
      engines[p] = new StressEngine("person-" + p, model, config);
    }
    for (int row = 0; row < script.size(); row++) {
      for (StressEngine engine : engines) {
        engine.accept(script.kinds[row], 1_700_000_000_000L + script.offsetsMs[row], script.values[row]);
      }
    }
    long after = usedAfterGc();
    // Reading every engine after the measurement keeps them all reachable during it.
    int judged = 0;
    for (StressEngine engine : engines) {
      judged += engine.judgedSecond() != Long.MIN_VALUE ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "%d persons (%d judged), %.1f MiB retained, %.0f bytes per person%n",
        persons, judged, (after - before) / 1048576.0, (double) (after - before) / persons);
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
