package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BearerTokenAuthTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void repeatedWrongTokensAreAnsweredMoreSlowlyUpToACap() {
    BearerTokenAuth auth = new BearerTokenAuth(vertx, "token", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "/api/");

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
    BearerTokenAuth auth = new BearerTokenAuth(vertx, "token", clock, "/api/");
    auth.delayFor("10.0.0.9");
    auth.delayFor("10.0.0.9");

    clock.now = clock.now.plus(Duration.ofMinutes(16));

    assertThat(auth.delayFor("10.0.0.9")).isEqualTo(250);
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
