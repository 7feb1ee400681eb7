package app.tend.api.exercise;

/** What sort of practice an exercise is. */
public enum ExerciseKind {
  /** Bringing attention back to the here and now through the senses (5-4-3-2-1). */
  GROUNDING,
  /** A paced breathing pattern (box, 4-7-8, resonant). */
  BREATHING,
  /** Releasing tension in the body (progressive muscle relaxation, body scan). */
  RELAXATION,
  /** Moving: a walk. */
  MOVEMENT,
  /** Writing or thinking something through (journaling, a self-talk check-in). */
  REFLECTION
}
