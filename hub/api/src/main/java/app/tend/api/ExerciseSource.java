package app.tend.api;

import app.tend.api.exercise.Exercise;
import java.util.List;

/**
 * A plugin's own exercises, added to the library when the plugin starts.
 *
 * <p>Ids must not clash with the library's ({@code config/exercises.yaml}) or another plugin's; a
 * plugin whose exercises clash is marked FAILED and its exercises are not added.
 */
public interface ExerciseSource extends TendExtension {

  /** The exercises to add; called once, after {@link #start()}. */
  List<Exercise> exercises();
}
