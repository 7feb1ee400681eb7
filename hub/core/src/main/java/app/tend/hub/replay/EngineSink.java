package app.tend.hub.replay;

import app.tend.api.message.StressState;
import app.tend.hub.config.StressConfig;
import app.tend.hub.json.Json;
import app.tend.hub.stress.StressModel;
import app.tend.hub.stress.StressTracker;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Feeds rows straight into the hub's stress engine (one per person, as the hub runs it) and prints each
 * state the hub would publish, one line each: text, or JSON with the fields of {@code StressState}.
 */
public final class EngineSink implements ReplaySink {

  private final StressTracker tracker;
  private final PrintWriter out;
  private final boolean json;
  private long rows;
  private long states;

  public EngineSink(StressConfig config, StressModel model, PrintWriter out, boolean json) {
    this.tracker = new StressTracker(config, model);
    this.out = out;
    this.json = json;
  }

  @Override
  public void accept(Row row) throws JsonProcessingException {
    rows++;
    StressState state = tracker.accept(row.person(), row.kind(), row.timeMs(), row.value());
    if (state == null) {
      return;
    }
    states++;
    if (json) {
      out.println(Json.MAPPER.writeValueAsString(state));
    } else {
      out.printf(Locale.ROOT, "%s %-12s %-8s score %3d confidence %.2f  %s%n", state.time(), state.person(),
          state.level(), state.score(), state.confidence(), state.reason());
    }
  }

  @Override
  public void pause() {
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }

  @Override
  public String summary() {
    return String.format(Locale.ROOT, "%,d rows into the stress engine for %d persons, %,d states", rows,
        tracker.size(), states);
  }
}
