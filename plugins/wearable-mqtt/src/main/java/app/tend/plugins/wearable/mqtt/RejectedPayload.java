package app.tend.plugins.wearable.mqtt;

/**
 * A whole payload a decoder refuses, with the reason it is counted under. Expected for bad input, so
 * it carries no stack trace.
 */
final class RejectedPayload extends Exception {

  private static final long serialVersionUID = 1L;

  private final Reason reason;

  RejectedPayload(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  static RejectedPayload malformed(String detail) {
    return new RejectedPayload(Reason.MALFORMED, detail);
  }

  Reason reason() {
    return reason;
  }
}
