package app.tend.plugins.voice.alexa;

/** A request that failed Amazon's checks; it gets 400 and is never acted on. */
final class RequestRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param reason a short tag for the meter: {@code certificate_url}, {@code certificate}, {@code signature},
   *     {@code timestamp}, {@code application_id}, {@code malformed}
   */
  RequestRefusedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  RequestRefusedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
