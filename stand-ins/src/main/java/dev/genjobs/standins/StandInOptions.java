package dev.genjobs.standins;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How the stand-ins behave: how long each job status lasts, which providers' jobs fail, whether
 * finished jobs are announced to their webhook URL.
 */
public final class StandInOptions {

  private final Duration stepDuration;
  private final Set<String> failing;
  private final boolean failingAll;
  private final boolean deliverWebhooks;
  private final Exchange.Listener listener;
  private final AnswerRewriter answers;
  private final String webhookSecret;

  private StandInOptions(Builder b) {
    this.stepDuration = b.stepDuration;
    this.failing = Set.copyOf(b.failing);
    this.failingAll = b.failingAll;
    this.deliverWebhooks = b.deliverWebhooks;
    this.listener = b.listener;
    this.answers = b.answers;
    this.webhookSecret = b.webhookSecret;
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

  /**
   * Whether jobs of this provider end in its failure status.
   *
   * @param providerId a {@link StandIn#providerId()}, e.g. {@code creatify-inspiration}
   */
  public boolean fails(String providerId) {
    return failingAll || failing.contains(providerId);
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

  /**
   * The secret that stand-ins which sign their webhook deliveries sign with, if set; empty: each
   * uses its own published test secret.
   */
  public Optional<String> webhookSecret() {
    return Optional.ofNullable(webhookSecret);
  }

  public static final class Builder {
    private Duration stepDuration = Duration.ofSeconds(1);
    private final Set<String> failing = new HashSet<>();
    private boolean failingAll;
    private boolean deliverWebhooks = true;
    private Exchange.Listener listener = e -> {};
    private AnswerRewriter answers = (method, path, answer) -> answer;
    private String webhookSecret;

    private Builder() {}

    public Builder stepDuration(Duration stepDuration) {
      this.stepDuration = stepDuration;
      return this;
    }

    /**
     * Jobs of this provider end in its failure status, with a reason. An id no registered stand-in
     * has makes {@link ProviderStandIns#start} fail, so a typo does not pass silently.
     *
     * @param providerId a {@link StandIn#providerId()}, the provider's spec folder name, e.g.
     *     {@code creatify-inspiration} ({@code Provider.CREATIFY_INSPIRATION.specFolder()})
     */
    public Builder failing(String providerId) {
      failing.add(providerId);
      return this;
    }

    /** Jobs of every provider, those added later included, end in their failure status. */
    public Builder failingAll() {
      failingAll = true;
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

    /**
     * Signs webhook deliveries with this secret (e.g. {@code whsec_...}) instead of each stand-in's
     * own test secret, for a stand-in whose provider signs them.
     */
    public Builder webhookSecret(String webhookSecret) {
      this.webhookSecret = webhookSecret;
      return this;
    }

    public StandInOptions build() {
      return new StandInOptions(this);
    }
  }

  /** The ids passed to {@link Builder#failing(String)}, for checking them at start. */
  Set<String> failingIds() {
    return failing;
  }
}
