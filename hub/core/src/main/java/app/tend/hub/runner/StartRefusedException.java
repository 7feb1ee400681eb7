package app.tend.hub.runner;

/** Why an exercise could not be started; the message says it in words a person can read. */
public final class StartRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What was wrong. */
  public enum Reason {
    /** No person with this id is configured. */
    UNKNOWN_PERSON,
    /** No exercise with this id is in the catalogue. */
    UNKNOWN_EXERCISE,
    /** No running plugin serves the channel named. */
    UNKNOWN_CHANNEL,
    /** None of the person's channels runs: nothing can reach them. */
    NO_CHANNEL,
    /** The person is doing an exercise already. */
    ALREADY_RUNNING
  }

  private final Reason reason;

  public StartRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** What was wrong. */
  public Reason reason() {
    return reason;
  }
}
