package dev.genjobs.client.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a watched job is polled: the first poll after {@link #initialInterval()}, each next interval
 * {@link #multiplier()} times longer up to {@link #maxInterval()}, each varied by ±{@link
 * #jitter()} so jobs started together do not poll together. The defaults suit jobs that take
 * seconds to minutes: intervals of about 1, 1.6, 2.6, 4.1, 6.6, 10.5, 16.8, 26.8, then 30 s, so
 * polls at about 1, 2.6, 5.2, 9.3, 15.9, 26.4, 43, 70 s and every 30 s after that.
 */
public final class PollPolicy {

  private final Duration initialInterval;
  private final double multiplier;
  private final Duration maxInterval;
  private final double jitter;
  private final Duration webhookFallback;
  private final int maxConsecutiveErrors;
  private final Duration maxPushback;

  private PollPolicy(Builder b) {
    this.initialInterval = b.initialInterval;
    this.multiplier = b.multiplier;
    this.maxInterval = b.maxInterval;
    this.jitter = b.jitter;
    this.webhookFallback = b.webhookFallback;
    this.maxConsecutiveErrors = b.maxConsecutiveErrors;
    this.maxPushback = b.maxPushback;
  }

  public static PollPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return builder()
        .initialInterval(initialInterval)
        .multiplier(multiplier)
        .maxInterval(maxInterval)
        .jitter(jitter)
        .webhookFallback(webhookFallback)
        .maxConsecutiveErrors(maxConsecutiveErrors)
        .maxPushback(maxPushback);
  }

  public Duration initialInterval() {
    return initialInterval;
  }

  public double multiplier() {
    return multiplier;
  }

  public Duration maxInterval() {
    return maxInterval;
  }

  public double jitter() {
    return jitter;
  }

  /**
   * For a job created with a webhook: how long to wait for the webhook before polling anyway. A
   * webhook that arrives first means the job costs no poll at all.
   */
  public Duration webhookFallback() {
    return webhookFallback;
  }

  /** Polls that fail in a row (after their own retries) before the wait fails. */
  public int maxConsecutiveErrors() {
    return maxConsecutiveErrors;
  }

  /**
   * The longest a provider's {@code Retry-After} (on a 429, or a 503) holds a job's next poll back
   * (15 min): past it the job is polled anyway, so a provider asking for a day cannot park a job
   * someone waits for.
   */
  public Duration maxPushback() {
    return maxPushback;
  }

  /** The un-jittered interval before poll number {@code poll} (1-based). */
  public Duration interval(int poll) {
    double millis = initialInterval.toMillis() * Math.pow(multiplier, Math.max(0, poll - 1));
    return Duration.ofMillis((long) Math.min(maxInterval.toMillis(), millis));
  }

  /** {@link #interval(int)} varied by ±jitter, using {@code random} in [0, 1). */
  public Duration jitteredInterval(int poll, double random) {
    long base = interval(poll).toMillis();
    double factor = 1.0 + jitter * (2 * random - 1);
    return Duration.ofMillis(Math.max(1, (long) (base * factor)));
  }

  /**
   * When the poll after poll number {@code poll} is due, that poll having been due at {@code
   * dueAt}: one jittered interval after it was due, not after its answer came, so a slow answer
   * does not stretch the schedule; never before {@code now} (an answer later than that makes the
   * next poll due at once). {@link PollRules} applies it for every follower.
   *
   * @param random in [0, 1), for the jitter
   */
  public Instant nextDueAt(int poll, Instant dueAt, Instant now, double random) {
    Instant next = dueAt.plus(jitteredInterval(poll + 1, random));
    return next.isBefore(now) ? now : next;
  }

  @Override
  public String toString() {
    return "PollPolicy{initial="
        + initialInterval
        + ", x"
        + multiplier
        + ", max="
        + maxInterval
        + ", jitter="
        + jitter
        + ", webhookFallback="
        + webhookFallback
        + ", maxPushback="
        + maxPushback
        + "}";
  }

  public static final class Builder {
    private Duration initialInterval = Duration.ofSeconds(1);
    private double multiplier = 1.6;
    private Duration maxInterval = Duration.ofSeconds(30);
    private double jitter = 0.2;
    private Duration webhookFallback = Duration.ofMinutes(5);
    private int maxConsecutiveErrors = 5;
    private Duration maxPushback = Duration.ofMinutes(15);

    private Builder() {}

    public Builder initialInterval(Duration d) {
      this.initialInterval = Objects.requireNonNull(d);
      return this;
    }

    public Builder multiplier(double m) {
      if (m < 1.0) throw new IllegalArgumentException("multiplier must be >= 1");
      this.multiplier = m;
      return this;
    }

    public Builder maxInterval(Duration d) {
      this.maxInterval = Objects.requireNonNull(d);
      return this;
    }

    public Builder jitter(double j) {
      if (j < 0 || j >= 1) throw new IllegalArgumentException("jitter must be in [0, 1)");
      this.jitter = j;
      return this;
    }

    public Builder webhookFallback(Duration d) {
      this.webhookFallback = Objects.requireNonNull(d);
      return this;
    }

    public Builder maxConsecutiveErrors(int n) {
      if (n < 1) throw new IllegalArgumentException("maxConsecutiveErrors must be >= 1");
      this.maxConsecutiveErrors = n;
      return this;
    }

    public Builder maxPushback(Duration d) {
      Objects.requireNonNull(d);
      if (d.isNegative() || d.isZero())
        throw new IllegalArgumentException("maxPushback must be positive");
      this.maxPushback = d;
      return this;
    }

    public PollPolicy build() {
      return new PollPolicy(this);
    }
  }
}
