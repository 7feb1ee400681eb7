package app.tend.hub.api;

/** A request the API refuses, with the status to answer and a message that names what is wrong. */
final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  private ApiProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ApiProblem badRequest(String message) {
    return new ApiProblem(400, message);
  }

  static ApiProblem notFound(String message) {
    return new ApiProblem(404, message);
  }

  static ApiProblem conflict(String message) {
    return new ApiProblem(409, message);
  }

  int status() {
    return status;
  }
}
