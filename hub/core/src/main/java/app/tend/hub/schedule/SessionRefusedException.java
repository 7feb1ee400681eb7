package app.tend.hub.schedule;

/** A session cannot be started or ended by hand; the message says why, naming the session. */
public final class SessionRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** No such session in the schedule. */
    UNKNOWN,
    /** The id names sessions of several persons. */
    AMBIGUOUS,
    /** The session is not in a state that allows it (over, running, not started). */
    CONFLICT
  }

  private final Reason reason;

  SessionRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }
}
