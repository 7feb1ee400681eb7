package app.tend.plugins.wearable.simulator;

import java.util.List;

/** The phases of a simulation, one after the other; answers which phase a moment falls in. */
final class Timeline {

  private final PhaseKind[] kinds;
  private final long[] ends;

  Timeline(List<WearableSimulatorConfig.Phase> phases) {
    kinds = new PhaseKind[phases.size()];
    ends = new long[phases.size()];
    long end = 0;
    for (int i = 0; i < phases.size(); i++) {
      kinds[i] = phases.get(i).phaseKind();
      end += Math.round(phases.get(i).minutes() * 60_000);
      ends[i] = end;
    }
  }

  /** The length of one pass, in simulated milliseconds. */
  long lengthMillis() {
    return ends[ends.length - 1];
  }

  /** The phase at this offset into a pass (0 to {@link #lengthMillis()}). */
  PhaseKind phaseAt(long offsetMillis) {
    for (int i = 0; i < ends.length; i++) {
      if (offsetMillis < ends[i]) {
        return kinds[i];
      }
    }
    return kinds[kinds.length - 1];
  }
}
