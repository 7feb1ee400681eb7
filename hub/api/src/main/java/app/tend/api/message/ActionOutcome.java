package app.tend.api.message;

/**
 * What came of one routine action.
 *
 * @param target the target type that ran it
 * @param ok whether it succeeded
 * @param detail what was sent (never secrets) and what came back, or why it failed
 * @param attempts how many attempts it took
 */
public record ActionOutcome(String target, boolean ok, String detail, int attempts) {

  /** Checks every component. */
  public ActionOutcome {
    Checks.notBlank(target, "target");
    detail = detail == null ? "" : detail;
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
  }
}
