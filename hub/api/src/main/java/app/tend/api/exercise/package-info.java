/**
 * The exercise library's types: an {@link app.tend.api.exercise.Exercise} with the steps a voice or a
 * screen paces, what it needs, when it fits, and the library's prior for how much it helps.
 *
 * <p>The hub loads them from {@code config/exercises.yaml}; a plugin may add more through
 * {@link app.tend.api.ExerciseSource}. Each record validates itself and names the bad field with
 * {@link app.tend.api.InvalidConfigException}.
 */
package app.tend.api.exercise;
