package dev.genjobs.client.store;

import dev.genjobs.client.Provider;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which ledger records to list. Immutable; every criterion is optional and they combine with AND.
 */
public final class JobFilter {

  /** The default {@link #limit()}. */
  public static final int DEFAULT_LIMIT = 1000;

  private final Provider provider;
  private final Set<LedgerState> states;
  private final List<String> ledgerIds;
  private final String providerJobId;
  private final String correlationToken;
  private final Instant createdAfter;
  private final Instant createdBefore;
  private final int limit;

  private JobFilter(Builder b) {
    this.provider = b.provider;
    this.states = b.states.isEmpty() ? Set.of() : Set.copyOf(b.states);
    this.ledgerIds = b.ledgerIds == null ? null : List.copyOf(b.ledgerIds);
    this.providerJobId = b.providerJobId;
    this.correlationToken = b.correlationToken;
    this.createdAfter = b.createdAfter;
    this.createdBefore = b.createdBefore;
    this.limit = b.limit;
  }

  /** Every record (up to the default limit). */
  public static JobFilter all() {
    return builder().build();
  }

  /** Records the ledger still works on: {@link LedgerState#isOpen()}. */
  public static JobFilter open() {
    return builder().states(LedgerState.INTENT, LedgerState.ACTIVE, LedgerState.AMBIGUOUS).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Provider> provider() {
    return Optional.ofNullable(provider);
  }

  /** Empty means any state. */
  public Set<LedgerState> states() {
    return states;
  }

  /** Only these ledger ids; empty Optional means any. */
  public Optional<List<String>> ledgerIds() {
    return Optional.ofNullable(ledgerIds);
  }

  public Optional<String> providerJobId() {
    return Optional.ofNullable(providerJobId);
  }

  public Optional<String> correlationToken() {
    return Optional.ofNullable(correlationToken);
  }

  /** Created at or after this instant. */
  public Optional<Instant> createdAfter() {
    return Optional.ofNullable(createdAfter);
  }

  /** Created before this instant. */
  public Optional<Instant> createdBefore() {
    return Optional.ofNullable(createdBefore);
  }

  public int limit() {
    return limit;
  }

  /** Whether {@code r} matches every criterion (for stores that filter in memory). */
  public boolean matches(JobRecord r) {
    return (provider == null || provider == r.provider())
        && (states.isEmpty() || states.contains(r.state()))
        && (ledgerIds == null || ledgerIds.contains(r.ledgerId()))
        && (providerJobId == null || providerJobId.equals(r.providerJobId().orElse(null)))
        && (correlationToken == null || correlationToken.equals(r.correlationToken()))
        && (createdAfter == null || !r.createdAt().isBefore(createdAfter))
        && (createdBefore == null || r.createdAt().isBefore(createdBefore));
  }

  @Override
  public String toString() {
    return "JobFilter{provider="
        + provider
        + ", states="
        + states
        + (ledgerIds == null ? "" : ", ledgerIds=" + ledgerIds.size())
        + (providerJobId == null ? "" : ", providerJobId=" + providerJobId)
        + (createdAfter == null ? "" : ", createdAfter=" + createdAfter)
        + (createdBefore == null ? "" : ", createdBefore=" + createdBefore)
        + ", limit="
        + limit
        + "}";
  }

  public static final class Builder {
    private Provider provider;
    private final Set<LedgerState> states = EnumSet.noneOf(LedgerState.class);
    private Collection<String> ledgerIds;
    private String providerJobId;
    private String correlationToken;
    private Instant createdAfter;
    private Instant createdBefore;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    public Builder provider(Provider provider) {
      this.provider = provider;
      return this;
    }

    public Builder states(LedgerState... states) {
      this.states.addAll(List.of(states));
      return this;
    }

    public Builder states(Collection<LedgerState> states) {
      this.states.addAll(states);
      return this;
    }

    public Builder ledgerIds(Collection<String> ledgerIds) {
      this.ledgerIds = Objects.requireNonNull(ledgerIds, "ledgerIds");
      return this;
    }

    public Builder providerJobId(String providerJobId) {
      this.providerJobId = providerJobId;
      return this;
    }

    public Builder correlationToken(String correlationToken) {
      this.correlationToken = correlationToken;
      return this;
    }

    public Builder createdAfter(Instant createdAfter) {
      this.createdAfter = createdAfter;
      return this;
    }

    public Builder createdBefore(Instant createdBefore) {
      this.createdBefore = createdBefore;
      return this;
    }

    public Builder limit(int limit) {
      if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      this.limit = limit;
      return this;
    }

    public JobFilter build() {
      return new JobFilter(this);
    }
  }
}
