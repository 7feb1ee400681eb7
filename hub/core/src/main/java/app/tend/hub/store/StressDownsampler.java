package app.tend.hub.store;

import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Decides which stress states are kept: one per person per period, and every change of level. */
final class StressDownsampler {

  private record Kept(java.time.Instant time, StressLevel level) {}

  private final Duration every;
  private final Map<String, Kept> last = new HashMap<>();

  StressDownsampler(Duration every) {
    this.every = every;
  }

  /** True when this state should be stored; remembers it if so. */
  boolean keep(StressState state) {
    Kept previous = last.get(state.person());
    boolean keep = previous == null
        || previous.level != state.level()
        || !state.time().isBefore(previous.time.plus(every))
        || state.time().isBefore(previous.time);
    if (keep) {
      last.put(state.person(), new Kept(state.time(), state.level()));
    }
    return keep;
  }
}
