package app.tend.hub.routines;

import app.tend.api.RoutineTarget;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one routine action: each attempt bounded by the action's timeout, a failed or timed-out attempt
 * retried after a delay that doubles each time (at most ten minutes), up to the action's retries.
 * Always completes with an outcome (never a failed future), so one action cannot hold up or break the
 * others.
 */
final class ActionRunner {

  private static final long MAX_DELAY_MS = TimeUnit.MINUTES.toMillis(10);

  /** The retry policy of one action. */
  record Policy(int retries, int retryDelaySeconds) {}

  private final Vertx vertx;
  private final Targets targets;

  ActionRunner(Vertx vertx, Targets targets) {
    this.vertx = vertx;
    this.targets = targets;
  }

  /** Runs the action (or, with {@code dryRun}, asks its target once what it would send). */
  Future<ActionOutcome> run(RoutineAction action, Policy policy, boolean dryRun) {
    Optional<RoutineTarget> target = targets.find(action.target());
    if (target.isEmpty()) {
      return Future.succeededFuture(new ActionOutcome(action.target(), false, "no running target of type '"
          + action.target() + "' (running: " + (targets.types().isEmpty() ? "none" : String.join(", ", targets.types()))
          + "); is its plugin installed and enabled?", 0));
    }
    if (dryRun) {
      return attempt(target.get(), action, true).map(o -> new ActionOutcome(action.target(), o.ok(), o.detail(), 0));
    }
    return attempt(target.get(), action, policy, 1);
  }

  private Future<ActionOutcome> attempt(RoutineTarget target, RoutineAction action, Policy policy, int attempt) {
    return attempt(target, action, false).compose(outcome -> {
      if (outcome.ok() || attempt > policy.retries()) {
        return Future.succeededFuture(new ActionOutcome(action.target(), outcome.ok(), outcome.detail(), attempt));
      }
      long delayMs = Math.min(MAX_DELAY_MS, TimeUnit.SECONDS.toMillis(policy.retryDelaySeconds()) << Math.min(attempt - 1, 16));
      Future<Void> wait = delayMs == 0 ? Future.succeededFuture() : vertx.timer(delayMs, TimeUnit.MILLISECONDS);
      return wait.compose(ignored -> attempt(target, action, policy, attempt + 1));
    });
  }

  /** One call, bounded by the timeout; a failure or a timeout becomes a failed outcome. */
  private Future<ActionOutcome> attempt(RoutineTarget target, RoutineAction action, boolean dryRun) {
    return targets.call(target, action, dryRun)
        .timeout(action.timeoutSeconds(), TimeUnit.SECONDS)
        .recover(failure -> Future.succeededFuture(new ActionOutcome(action.target(), false,
            failure instanceof TimeoutException
                ? "no answer within " + action.timeoutSeconds() + " s"
                : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage(), 0)))
        .map(outcome -> outcome == null
            ? new ActionOutcome(action.target(), false, "the target returned no outcome", 0) : outcome);
  }
}
