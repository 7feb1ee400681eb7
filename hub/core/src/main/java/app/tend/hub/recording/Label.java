package app.tend.hub.recording;

/** The ground-truth label of a recording row; {@link #NONE} rows are not scored. */
public enum Label {
  /** Baseline and relaxation phases. */
  REST,
  /** Tasks meant to cause psychological stress. */
  STRESS,
  /** Physical exertion. */
  ACTIVITY,
  /** Unlabelled. */
  NONE;

  static Label parse(String text) {
    return switch (text) {
      case "" -> NONE;
      case "rest" -> REST;
      case "stress" -> STRESS;
      case "activity" -> ACTIVITY;
      default -> null;
    };
  }
}
