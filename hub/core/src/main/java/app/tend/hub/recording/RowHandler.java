package app.tend.hub.recording;

import app.tend.api.message.SignalKind;

/** Receives the rows of a recording in file order, without a per-row object. */
@FunctionalInterface
public interface RowHandler {

  /**
   * One row.
   *
   * @param timeMs the sample time, Unix milliseconds
   * @param person the person (the same String instance for consecutive rows of one person)
   * @param kind what was measured
   * @param value the value in the kind's unit
   * @param label the row's label, {@link Label#NONE} when empty
   */
  void row(long timeMs, String person, SignalKind kind, double value, Label label);
}
