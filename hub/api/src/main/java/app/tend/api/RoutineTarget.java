package app.tend.api;

import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import io.vertx.core.Future;

/**
 * Something home routines can act on: an MQTT topic, Home Assistant, openHAB, a webhook.
 *
 * <p>The hub calls {@link #execute} once per attempt; it applies the action's timeout and retries
 * with backoff itself, so a target makes one attempt and reports what happened.
 */
public interface RoutineTarget extends TendExtension {

  /** The target type that routine actions name, e.g. {@code mqtt}. */
  String type();

  /**
   * Runs one action, or with {@code dryRun} only says what it would send.
   *
   * @return the outcome; a failed future counts as a failed attempt
   */
  Future<ActionOutcome> execute(RoutineAction action, boolean dryRun);
}
