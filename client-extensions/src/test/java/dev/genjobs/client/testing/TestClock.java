package dev.genjobs.client.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs with real time plus an offset the test moves forward. {@link RecordingSleeper}
 * advances it by every wait it records, so retry deadlines ({@code maxElapsed}) see the waits that
 * were skipped, while code that schedules on real time (the job watcher) still works.
 */
public final class TestClock extends Clock {

  private final Clock base;
  private final AtomicLong offsetNanos = new AtomicLong();

  private TestClock(Clock base) {
    this.base = base;
  }

  /** Real UTC time plus the offset. */
  public static TestClock systemUtc() {
    return new TestClock(Clock.systemUTC());
  }

  /** Frozen at {@code start} plus the offset: time moves only when the test advances it. */
  public static TestClock fixedAt(Instant start) {
    return new TestClock(Clock.fixed(start, ZoneOffset.UTC));
  }

  /** Moves this clock forward by {@code duration}. */
  public void advance(Duration duration) {
    offsetNanos.addAndGet(duration.toNanos());
  }

  /** How far the clock was moved in total. */
  public Duration advanced() {
    return Duration.ofNanos(offsetNanos.get());
  }

  @Override
  public Instant instant() {
    return base.instant().plusNanos(offsetNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("TestClock is always UTC");
  }
}
