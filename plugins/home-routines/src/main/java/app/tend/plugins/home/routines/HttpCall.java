package app.tend.plugins.home.routines;

import app.tend.api.Secret;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/**
 * One HTTP request a target sends. {@link #describe()} says what is sent as a person can read it,
 * with the secret written {@code ***}: it is what outcomes, dry runs and logs show.
 *
 * @param method the method
 * @param url the absolute URL
 * @param tokenHeader the header the secret goes in ({@code Authorization} puts it after {@code Bearer })
 * @param token the secret, if any
 * @param contentType the body's media type, or empty for no body
 * @param body the body, or empty
 */
record HttpCall(HttpMethod method, String url, String tokenHeader, Optional<Secret> token, String contentType, String body) {

  /** The header that carries a bearer token. */
  static final String AUTHORIZATION = "Authorization";

  /** A call with the token, if any, as {@code Authorization: Bearer <token>}. */
  static HttpCall bearer(HttpMethod method, String url, Optional<Secret> token, String contentType, String body) {
    return new HttpCall(method, url, AUTHORIZATION, token, contentType, body);
  }

  /** The value of the token header. */
  String tokenValue(Secret secret) {
    return AUTHORIZATION.equalsIgnoreCase(tokenHeader) ? "Bearer " + secret.reveal() : secret.reveal();
  }

  /** E.g. {@code POST http://ha:8123/api/services/light/turn_on with Authorization: Bearer *** and body {"entity_id": …}}. */
  String describe() {
    StringBuilder text = new StringBuilder(method.name()).append(' ').append(url);
    String with = " with ";
    if (token.isPresent()) {
      text.append(with).append(tokenHeader).append(": ")
          .append(AUTHORIZATION.equalsIgnoreCase(tokenHeader) ? "Bearer ***" : "***");
      with = " and ";
    }
    if (!body.isEmpty()) {
      text.append(with).append(contentType).append(" body ").append(body);
    }
    return text.toString();
  }
}
