package dev.genjobs.client.jobs;

import dev.genjobs.client.RequestLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One provider's gate for polls, shared by every job of that provider: the user's {@link
 * RequestLimits} (a token bucket kept as its next free time, and a cap on polls in flight) and the
 * provider's own pushback (after a 429 or a 503 with {@code Retry-After}, no poll to that provider
 * goes out before the time it named). Never blocks: a poll that must wait is scheduled for the time
 * it may go.
 */
final class ProviderLimiter {

  /** Pause after a 429 without Retry-After. */
  static final Duration DEFAULT_PUSHBACK = Duration.ofSeconds(1);

  private final WatchScheduler scheduler;
  private final long intervalNanos;
  private final long burstNanos;
  private final int maxConcurrent;
  private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
  private Instant pausedUntil = Instant.EPOCH;
  private Instant nextFree = Instant.EPOCH;
  private int inFlight;

  ProviderLimiter(WatchScheduler scheduler, RequestLimits limits) {
    this.scheduler = scheduler;
    this.intervalNanos =
        limits.requestsPerSecond() > 0 ? (long) (1e9 / limits.requestsPerSecond()) : 0;
    // A second's worth of requests may go at once, then they are spaced by the interval.
    this.burstNanos =
        intervalNanos == 0
            ? 0
            : (long) (Math.max(0, Math.ceil(limits.requestsPerSecond()) - 1) * intervalNanos);
    this.maxConcurrent = limits.maxConcurrentRequests();
  }

  /**
   * Runs {@code send} when the limits allow: now, later on the scheduler, or when a poll in flight
   * finishes. {@code send} must lead to exactly one {@link #release(Duration)}.
   */
  void submit(Runnable send) {
    Instant now = scheduler.now();
    Duration wait;
    synchronized (this) {
      if (maxConcurrent > 0 && inFlight >= maxConcurrent) {
        queued.add(send);
        return;
      }
      inFlight++;
      Instant at = now.isAfter(pausedUntil) ? now : pausedUntil;
      if (intervalNanos > 0) {
        Instant earliest = nextFree.minusNanos(burstNanos);
        if (earliest.isAfter(at)) at = earliest;
        nextFree = (nextFree.isAfter(at) ? nextFree : at).plusNanos(intervalNanos);
      }
      wait = Duration.between(now, at);
    }
    if (wait.isZero() || wait.isNegative()) send.run();
    else scheduler.schedule(send, wait);
  }

  /**
   * A poll let through by {@link #submit} finished; {@code pushback} is non-null when the provider
   * asked every caller to slow down.
   */
  void release(Duration pushback) {
    Runnable next;
    synchronized (this) {
      if (pushback != null) {
        Instant until = scheduler.now().plus(pushback);
        if (until.isAfter(pausedUntil)) pausedUntil = until;
      }
      inFlight--;
      next = queued.poll();
    }
    // Through the scheduler, not inline: polls that fail at once (a missing key) would otherwise
    // release and submit each other recursively, one stack frame per queued poll.
    if (next != null) scheduler.schedule(() -> submit(next), Duration.ZERO);
  }

  /** Until when the provider asked us to hold off; {@link Instant#EPOCH} when it never did. */
  synchronized Instant pausedUntil() {
    return pausedUntil;
  }
}
