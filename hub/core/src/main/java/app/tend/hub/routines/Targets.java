package app.tend.hub.routines;

import app.tend.api.RoutineTarget;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The routine targets the running plugins offer, and a way to call one that keeps its failures to itself. */
public interface Targets {

  /** The running target of this type, if a plugin offers one. */
  Optional<RoutineTarget> find(String type);

  /** The types of every running target. */
  List<String> types();

  /**
   * One attempt of an action: whatever the target does (throws, fails, returns null), the caller gets a
   * future; a target that throws is its plugin's failure, not the routine engine's.
   */
  Future<ActionOutcome> call(RoutineTarget target, RoutineAction action, boolean dryRun);
}
