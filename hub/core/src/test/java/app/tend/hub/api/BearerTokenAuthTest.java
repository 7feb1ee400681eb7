package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BearerTokenAuthTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void repeatedWrongTokensAreAnsweredMoreSlowlyUpToACap() {
    BearerTokenAuth auth = new BearerTokenAuth(vertx, "token", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "/api");

    assertThat(auth.delayFor("10.0.0.9")).isEqualTo(250);
    assertThat(auth.delayFor("10.0.0.9")).isEqualTo(500);
    assertThat(auth.delayFor("10.0.0.9")).isEqualTo(1000);
    for (int i = 0; i < 10; i++) {
      auth.delayFor("10.0.0.9");
    }
    assertThat(auth.delayFor("10.0.0.9")).isEqualTo(BearerTokenAuth.MAX_DELAY_MS);
    assertThat(auth.delayFor("10.0.0.7")).as("another address is not slowed").isEqualTo(250);
  }

  @Test
  void delayIsForgottenAfterQuietMinutes() {
    MutableClock clock = new MutableClock();
    BearerTokenAuth auth = new BearerTokenAuth(vertx, "token", clock, "/api");
    auth.delayFor("10.0.0.9");
    auth.delayFor("10.0.0.9");

    clock.now = clock.now.plus(Duration.ofMinutes(16));

    assertThat(auth.delayFor("10.0.0.9")).isEqualTo(250);
  }

  @Test
  void guardsThePrefixInAnyCaseAndWithDoubledSlashesButNotItsNeighbours() {
    BearerTokenAuth auth = new BearerTokenAuth(vertx, "token", Clock.systemUTC(), "/api");

    assertThat(List.of("/api", "/api/", "/api/persons", "/API/persons", "//api/x", "/api//x", "///Api"))
        .allMatch(auth::guards);
    assertThat(List.of("/", "/apis", "/apixyz/persons", "/health", "/plugins/api", "/index.html"))
        .noneMatch(auth::guards);
  }

  @Test
  void allOfLoopbackIsOneClientAndIpv6CountsBy64() {
    assertThat(BearerTokenAuth.client(SocketAddress.inetSocketAddress(1, "127.0.0.1")))
        .isEqualTo(BearerTokenAuth.client(SocketAddress.inetSocketAddress(1, "127.3.4.5")))
        .isEqualTo(BearerTokenAuth.client(SocketAddress.inetSocketAddress(1, "::1")));
    assertThat(BearerTokenAuth.client(SocketAddress.inetSocketAddress(1, "2001:db8:1:2::7")))
        .isEqualTo(BearerTokenAuth.client(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:ffff::9")))
        .isNotEqualTo(BearerTokenAuth.client(SocketAddress.inetSocketAddress(1, "2001:db8:1:3::7")));
    assertThat(BearerTokenAuth.client(SocketAddress.inetSocketAddress(1, "10.0.0.9"))).isEqualTo("10.0.0.9");
  }

  @Test
  void aRouteGuardedByItselfIsCheckedWhateverPathReachedIt() throws Exception {
    BearerTokenAuth auth = new BearerTokenAuth(vertx, "token", Clock.systemUTC(), "/api");
    int port = serve(router -> {
      router.route().handler(auth);
      router.get("/elsewhere").handler(auth::guardRoute).handler(ctx -> ctx.end("secret"));
    });

    assertThat(get(port, "/elsewhere", null).statusCode()).isEqualTo(401);
    assertThat(get(port, "/elsewhere", "token").body()).isEqualTo("secret");
  }

  @Test
  void parallelGuessesFromOneClientAreNotCheckedBeyondAFewPending() throws Exception {
    BearerTokenAuth auth = new BearerTokenAuth(vertx, "token", Clock.systemUTC(), "/api");
    int port = serve(router -> {
      router.route().handler(auth);
      router.get("/api/x").handler(ctx -> ctx.end("secret"));
    });
    // Five wrong tokens one after another bring the delay to its cap, so what follows stays pending for 8 s.
    for (int i = 0; i < 5; i++) {
      assertThat(get(port, "/api/x", "guess" + i).statusCode()).isEqualTo(401);
    }

    List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      guesses.add(send(port, "/api/x", "parallel" + i));
    }
    CompletableFuture<HttpResponse<String>> right = send(port, "/api/x", "token");
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> guess : guesses) {
      statuses.add(guess.get(60, TimeUnit.SECONDS).statusCode());
    }

    assertThat(statuses).filteredOn(s -> s == 401).hasSize(BearerTokenAuth.MAX_PENDING);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(12 - BearerTokenAuth.MAX_PENDING);
    assertThat(right.get(60, TimeUnit.SECONDS).statusCode())
        .as("while the client has wrong answers pending, even the right token is not looked at").isEqualTo(429);
    assertThat(get(port, "/api/x", "token").body()).as("once they are answered it is").isEqualTo("secret");
  }

  private int serve(java.util.function.Consumer<Router> routes) throws Exception {
    Router router = Router.router(vertx);
    routes.accept(router);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS).actualPort();
  }

  private static CompletableFuture<HttpResponse<String>> send(int port, String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(int port, String path, String token) throws Exception {
    return send(port, path, token).get(60, TimeUnit.SECONDS);
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
