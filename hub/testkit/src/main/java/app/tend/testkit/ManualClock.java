package app.tend.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it, so time rules are tested without waiting. */
public final class ManualClock extends Clock {

  private volatile Instant now;
  private final ZoneId zone;

  public ManualClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  public ManualClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  /** Moves the clock forward. */
  public ManualClock advance(Duration by) {
    now = now.plus(by);
    return this;
  }

  /** Sets the clock to an instant (forward or back). */
  public ManualClock set(Instant to) {
    now = to;
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new ManualClock(now, other);
  }
}
