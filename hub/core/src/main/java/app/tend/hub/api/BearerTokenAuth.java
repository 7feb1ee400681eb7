package app.tend.hub.api;

import app.tend.hub.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}.
 *
 * <p>Which requests it guards is decided on the path the router routes ({@link RoutingContext#normalizedPath()}:
 * percent-decoded, dot segments removed), never on the raw one, and without regard to case or doubled
 * slashes; {@link #guardRoute} also puts it in front of every API operation, so whatever spelling reaches an
 * API handler has been checked.
 *
 * <p>Wrong tokens from one client are answered more and more slowly (doubling from 250 ms up to 8 s), and a
 * client with {@value #MAX_PENDING} wrong answers still pending is refused (429) without its token being
 * looked at, so parallel connections do not multiply the guessing rate, nor tell a right guess by its quick
 * answer. A client is an address, all of loopback (127.0.0.0/8, ::1) counting as one, and an IPv6 /64. The
 * delay resets after a correct token or 15 quiet minutes.
 */
final class BearerTokenAuth implements AuthenticationHandler {

  static final long FIRST_DELAY_MS = 250;
  static final long MAX_DELAY_MS = 8_000;
  /** Wrong answers a client may have waiting at once. */
  static final int MAX_PENDING = 4;
  private static final long FORGET_AFTER_MS = 15 * 60 * 1000;
  /** Beyond this many clients remembered, those quiet for {@link #FORGET_AFTER_MS} are forgotten. */
  private static final int MAX_CLIENTS = 10_000;
  private static final String CHECKED = BearerTokenAuth.class.getName() + ".checked";

  private final Vertx vertx;
  private final byte[] token;
  private final Clock clock;
  private final String guardedPrefix;
  private final Map<String, Strikes> strikes = new ConcurrentHashMap<>();

  /** Guards the paths below {@code guardedPrefix} (e.g. {@code /api}); others pass through. */
  BearerTokenAuth(Vertx vertx, String token, Clock clock, String guardedPrefix) {
    this.vertx = vertx;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.guardedPrefix = guardedPrefix;
  }

  /** Checks requests to guarded paths: the first line of defence, before any route of the API is matched. */
  @Override
  public void handle(RoutingContext ctx) {
    if (guards(ctx.normalizedPath())) {
      authenticate(ctx);
    } else {
      ctx.next();
    }
  }

  /** The handler for an API operation's own route: checks whatever path reached it, unless already checked. */
  void guardRoute(RoutingContext ctx) {
    if (Boolean.TRUE.equals(ctx.get(CHECKED))) {
      ctx.next();
    } else {
      authenticate(ctx);
    }
  }

  /** True for {@code guardedPrefix} itself and everything below it, in any case and with any doubled slashes. */
  boolean guards(String path) {
    String collapsed = path == null ? "" : path.replaceAll("/{2,}", "/");
    int length = guardedPrefix.length();
    return collapsed.regionMatches(true, 0, guardedPrefix, 0, length)
        && (collapsed.length() == length || collapsed.charAt(length) == '/');
  }

  private void authenticate(RoutingContext ctx) {
    String client = client(ctx.request().remoteAddress());
    Strikes pending = strikes.get(client);
    if (pending != null && pending.waiting >= MAX_PENDING) {
      ctx.response().putHeader("Retry-After", Long.toString(MAX_DELAY_MS / 1000));
      Responses.error(ctx, 429, "too many wrong tokens from this address; try again in a few seconds");
      return;
    }
    String header = ctx.request().getHeader("Authorization");
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
      strikes.computeIfPresent(client, (key, old) -> old.waiting > 0 ? new Strikes(0, old.lastMillis, old.waiting) : null);
      ctx.put(CHECKED, true);
      ctx.next();
      return;
    }
    long delay = delayFor(client);
    vertx.setTimer(delay, id -> {
      strikes.computeIfPresent(client, (key, old) -> new Strikes(old.count, old.lastMillis, Math.max(0, old.waiting - 1)));
      refuse(ctx, "wrong token");
    });
  }

  /**
   * Records one more wrong token from the client, and one more answer waiting, and returns how long to
   * wait before answering.
   */
  long delayFor(String client) {
    long now = clock.millis();
    if (strikes.size() > MAX_CLIENTS) {
      strikes.values().removeIf(old -> old.waiting == 0 && now - old.lastMillis > FORGET_AFTER_MS);
    }
    Strikes s = strikes.compute(client, (key, old) -> old == null
        ? new Strikes(1, now, 1)
        : new Strikes(now - old.lastMillis > FORGET_AFTER_MS ? 1 : old.count + 1, now, old.waiting + 1));
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.min(s.count - 1, 10));
  }

  /** Whom wrong tokens are counted against: loopback is one client, an IPv6 address counts by its /64. */
  static String client(SocketAddress remote) {
    String host = remote == null ? null : remote.hostAddress();
    if (host == null || host.isEmpty()) {
      return "?";
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      if (address.isLoopbackAddress()) {
        return "loopback";
      }
      byte[] bytes = address.getAddress();
      if (bytes.length == 16) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
          prefix.append(String.format("%02x", bytes[i]));
        }
        return prefix + "::/64";
      }
      return address.getHostAddress();
    } catch (UnknownHostException notAnAddress) {
      return host;
    }
  }

  private static void refuse(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tend\"");
    Responses.error(ctx, 401, message);
  }

  private record Strikes(int count, long lastMillis, int waiting) {}
}
