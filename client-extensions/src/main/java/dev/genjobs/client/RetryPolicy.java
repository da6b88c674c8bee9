package dev.genjobs.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How calls are retried: exponential backoff with full jitter, capped in attempts and in total
 * time. {@link #maxElapsed()} is the overall timeout of one call including its retries. Which
 * failures are retried at all is decided by the client's call executor, not here.
 */
public final class RetryPolicy {

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final Duration maxElapsed;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.multiplier = b.multiplier;
    this.maxElapsed = b.maxElapsed;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** 4 attempts, 500 ms doubling to at most 8 s, 60 s overall, Retry-After honoured up to 60 s. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** One attempt, nothing retried. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .multiplier(multiplier)
        .maxElapsed(maxElapsed)
        .maxRetryAfter(maxRetryAfter);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public double multiplier() {
    return multiplier;
  }

  public Duration maxElapsed() {
    return maxElapsed;
  }

  /** A longer {@code Retry-After} is not waited for: the rate-limit error goes to the caller. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The ceiling of the jittered wait before retry number {@code retry} (1-based): {@code
   * min(maxBackoff, initialBackoff * multiplier^(retry-1))}. The actual wait is uniform in [0,
   * ceiling] ("full jitter"), which spreads clients that failed together.
   */
  public Duration backoffCeiling(int retry) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    return Duration.ofMillis((long) Math.min(maxBackoff.toMillis(), millis));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", multiplier="
        + multiplier
        + ", maxElapsed="
        + maxElapsed
        + ", maxRetryAfter="
        + maxRetryAfter
        + "}";
  }

  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private double multiplier = 2.0;
    private Duration maxElapsed = Duration.ofSeconds(60);
    private Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    public Builder multiplier(double multiplier) {
      if (multiplier < 1.0) throw new IllegalArgumentException("multiplier must be >= 1");
      this.multiplier = multiplier;
      return this;
    }

    public Builder maxElapsed(Duration maxElapsed) {
      this.maxElapsed = positive(maxElapsed, "maxElapsed");
      return this;
    }

    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative");
      return d;
    }
  }
}
