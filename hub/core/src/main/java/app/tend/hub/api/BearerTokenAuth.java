package app.tend.hub.api;

import app.tend.hub.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}. Wrong tokens from one
 * address are answered more and more slowly (doubling from 250 ms up to 8 s), so guessing is slow;
 * the delay resets after a correct token or 15 quiet minutes.
 */
final class BearerTokenAuth implements AuthenticationHandler {

  static final long FIRST_DELAY_MS = 250;
  static final long MAX_DELAY_MS = 8_000;
  private static final long FORGET_AFTER_MS = 15 * 60 * 1000;

  private final Vertx vertx;
  private final byte[] token;
  private final Clock clock;
  private final String guardedPrefix;
  private final Map<String, Strikes> strikes = new ConcurrentHashMap<>();

  /** Guards the paths starting with {@code guardedPrefix}; others pass through. */
  BearerTokenAuth(Vertx vertx, String token, Clock clock, String guardedPrefix) {
    this.vertx = vertx;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.guardedPrefix = guardedPrefix;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ctx.request().path().startsWith(guardedPrefix)) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    if (header == null || header.isBlank()) {
      refuse(ctx, "missing Authorization: Bearer <token> header (the token is in the data folder's api-token file, or TEND_API_TOKEN)");
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(ctx, "the Authorization header must be 'Bearer <token>'");
      return;
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    if (MessageDigest.isEqual(given, token)) {
      strikes.remove(address);
      ctx.next();
      return;
    }
    long delay = delayFor(address);
    vertx.setTimer(delay, id -> refuse(ctx, "wrong token"));
  }

  /** Records one more wrong token from the address and returns how long to wait before answering. */
  long delayFor(String address) {
    long now = clock.millis();
    Strikes s = strikes.compute(address, (key, old) ->
        old == null || now - old.lastMillis > FORGET_AFTER_MS ? new Strikes(1, now) : new Strikes(old.count + 1, now));
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.min(s.count - 1, 10));
  }

  private static void refuse(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tend\"");
    Responses.error(ctx, 401, message);
  }

  private record Strikes(int count, long lastMillis) {}
}
