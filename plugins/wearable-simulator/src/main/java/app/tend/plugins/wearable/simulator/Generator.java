package app.tend.plugins.wearable.simulator;

import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The simulated persons moving through the timeline: given a simulated time, produces every sample up
 * to it, in time order per person and kind. The same seed and persons always give the same samples.
 */
final class Generator {

  private final Timeline timeline;
  private final long start;
  private final boolean loop;
  private final String device;
  private final List<String> persons;
  private final List<Body> bodies = new ArrayList<>();
  private long cursor;

  /**
   * @param start the simulated time the timeline starts at (aligned down to a whole second)
   */
  Generator(WearableSimulatorConfig config, long start) {
    this.timeline = new Timeline(config.phases());
    this.start = start - Math.floorMod(start, 1000);
    this.loop = config.loop();
    this.device = config.device();
    this.persons = config.persons();
    SplittableRandom seeds = new SplittableRandom(config.seed());
    for (int i = 0; i < persons.size(); i++) {
      bodies.add(new Body(seeds.split(), this.start));
    }
    this.cursor = this.start;
  }

  /** True when the timeline ended and does not loop. */
  boolean finished() {
    return !loop && cursor - start >= timeline.lengthMillis();
  }

  /** The simulated time up to which samples were produced. */
  long cursor() {
    return cursor;
  }

  /**
   * Produces the samples up to {@code simMillis}, at most {@code maxSteps} quarter seconds of them.
   *
   * @return the number of samples produced
   */
  int advanceTo(long simMillis, int maxSteps, Consumer<Sample> out) {
    int produced = 0;
    for (int steps = 0; steps < maxSteps && cursor + Body.STEP_MILLIS <= simMillis && !finished(); steps++) {
      long end = cursor + Body.STEP_MILLIS;
      PhaseKind phase = timeline.phaseAt(Math.floorMod(cursor - start, timeline.lengthMillis()));
      for (int i = 0; i < bodies.size(); i++) {
        String person = persons.get(i);
        int[] count = {0};
        bodies.get(i).step(end, phase, (SignalKind kind, long time, double value) -> {
          out.accept(new Sample(person, device, kind, Instant.ofEpochMilli(time), value));
          count[0]++;
        });
        produced += count[0];
      }
      cursor = end;
    }
    return produced;
  }

  /** The phase a simulated time falls in. */
  PhaseKind phaseAt(long simMillis) {
    return timeline.phaseAt(Math.floorMod(simMillis - start, timeline.lengthMillis()));
  }
}
