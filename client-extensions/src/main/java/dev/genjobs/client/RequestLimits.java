package dev.genjobs.client;

/**
 * A provider plan's quota, for {@code ClientOptions.Builder.requestLimits}: at most {@link
 * #requestsPerSecond()} polls per second (bursts of up to one second's worth) and at most {@link
 * #maxConcurrentRequests()} polls in flight. Zero means no limit. Polls over the limit wait their
 * turn (they are late, not failed).
 *
 * @param requestsPerSecond sustained rate, 0 for none
 * @param maxConcurrentRequests requests in flight at once, 0 for none
 */
public record RequestLimits(double requestsPerSecond, int maxConcurrentRequests) {

  /** No limit at all: every poll that falls due is sent at once. */
  public static final RequestLimits NONE = new RequestLimits(0, 0);

  /**
   * What applies when nothing is set: no rate limit, at most 32 polls in flight per provider.
   * Without a cap, 10,000 polls falling due together open 10,000 HTTP/1.1 connections at once and
   * every answer comes late (measured: {@code benchmarks/RESULTS.md}); 32 keep-alive connections
   * carry more polls per second than that.
   */
  public static final RequestLimits DEFAULT = new RequestLimits(0, 32);

  public RequestLimits {
    if (requestsPerSecond < 0 || Double.isNaN(requestsPerSecond)) {
      throw new IllegalArgumentException("requestsPerSecond must be >= 0");
    }
    if (maxConcurrentRequests < 0) {
      throw new IllegalArgumentException("maxConcurrentRequests must be >= 0");
    }
  }

  public static RequestLimits perSecond(double requestsPerSecond) {
    return new RequestLimits(requestsPerSecond, 0);
  }

  public RequestLimits withMaxConcurrentRequests(int max) {
    return new RequestLimits(requestsPerSecond, max);
  }
}
