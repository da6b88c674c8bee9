package dev.genjobs.standins;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the stand-ins behave: how long each job status lasts, which providers' jobs fail, whether
 * finished jobs are announced to their webhook URL.
 */
public final class StandInOptions {

  private final Duration stepDuration;
  private final Set<StandInProvider> failing;
  private final boolean deliverWebhooks;
  private final Exchange.Listener listener;
  private final AnswerRewriter answers;

  private StandInOptions(Builder b) {
    this.stepDuration = b.stepDuration;
    this.failing = Set.copyOf(b.failing);
    this.deliverWebhooks = b.deliverWebhooks;
    this.listener = b.listener;
    this.answers = b.answers;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static StandInOptions defaults() {
    return builder().build();
  }

  /** How long a job stays in each non-final status. */
  public Duration stepDuration() {
    return stepDuration;
  }

  public boolean fails(StandInProvider provider) {
    return failing.contains(provider);
  }

  public boolean deliverWebhooks() {
    return deliverWebhooks;
  }

  public Exchange.Listener listener() {
    return listener;
  }

  public AnswerRewriter answers() {
    return answers;
  }

  public static final class Builder {
    private Duration stepDuration = Duration.ofSeconds(1);
    private final Set<StandInProvider> failing = EnumSet.noneOf(StandInProvider.class);
    private boolean deliverWebhooks = true;
    private Exchange.Listener listener = e -> {};
    private AnswerRewriter answers = (method, path, answer) -> answer;

    private Builder() {}

    public Builder stepDuration(Duration stepDuration) {
      this.stepDuration = stepDuration;
      return this;
    }

    /** Jobs of this provider end in its failure status, with a reason. */
    public Builder failing(StandInProvider provider) {
      failing.add(provider);
      return this;
    }

    public Builder deliverWebhooks(boolean deliverWebhooks) {
      this.deliverWebhooks = deliverWebhooks;
      return this;
    }

    /** Told about every request answered. */
    public Builder listener(Exchange.Listener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Rewrites answers before they are sent (default: none): a provider drifting from its spec, for
     * tests of drift detection.
     */
    public Builder answers(AnswerRewriter answers) {
      this.answers = answers;
      return this;
    }

    public StandInOptions build() {
      return new StandInOptions(this);
    }
  }
}
