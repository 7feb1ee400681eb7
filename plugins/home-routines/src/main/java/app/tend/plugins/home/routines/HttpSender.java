package app.tend.plugins.home.routines;

import app.tend.api.message.ActionOutcome;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Sends {@link HttpCall}s with Vert.x's WebClient and turns the answer into an outcome: any 2xx is done,
 * anything else failed with its status and the start of its body. Never logs or returns a secret.
 */
final class HttpSender {

  private final WebClient client;
  private final int maxDetailChars;

  HttpSender(WebClient client, int maxDetailChars) {
    this.client = client;
    this.maxDetailChars = maxDetailChars;
  }

  /** Sends the call, or with {@code dryRun} only says what it would send. */
  Future<ActionOutcome> send(String target, HttpCall call, boolean dryRun) {
    if (dryRun) {
      return Future.succeededFuture(new ActionOutcome(target, true, "would send " + call.describe(), 0));
    }
    HttpRequest<Buffer> request = client.requestAbs(call.method(), call.url());
    call.token().ifPresent(secret -> request.putHeader(call.tokenHeader(), call.tokenValue(secret)));
    Future<HttpResponse<Buffer>> answer;
    if (call.body().isEmpty()) {
      answer = request.send();
    } else {
      request.putHeader("Content-Type", call.contentType());
      answer = request.sendBuffer(Buffer.buffer(call.body()));
    }
    return answer.transform(result -> {
      if (result.failed()) {
        Throwable e = result.cause();
        return Future.succeededFuture(new ActionOutcome(target, false, call.describe() + " failed: "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0));
      }
      HttpResponse<Buffer> response = result.result();
      boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
      String detail = call.describe() + " → " + response.statusCode()
          + (ok ? "" : " " + response.statusMessage() + excerpt(response.bodyAsString()));
      return Future.succeededFuture(new ActionOutcome(target, ok, detail, 0));
    });
  }

  private String excerpt(String body) {
    if (body == null || body.isBlank() || maxDetailChars == 0) {
      return "";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return ": " + (flat.length() > maxDetailChars ? flat.substring(0, maxDetailChars) + "…" : flat);
  }
}
