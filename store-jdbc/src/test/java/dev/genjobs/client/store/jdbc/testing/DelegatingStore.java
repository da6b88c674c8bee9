package dev.genjobs.client.store.jdbc.testing;

import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store that passes everything to another; tests override what they watch or break. */
public abstract class DelegatingStore implements JobStore {
  private final JobStore delegate;

  protected DelegatingStore(JobStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void insert(JobRecord record) {
    delegate.insert(record);
  }

  @Override
  public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
    return delegate.replace(current, next);
  }

  @Override
  public Optional<JobRecord> get(String ledgerId) {
    return delegate.get(ledgerId);
  }

  @Override
  public List<JobRecord> list(JobFilter filter) {
    return delegate.list(filter);
  }

  @Override
  public int deleteEndedBefore(Instant cutoff) {
    return delegate.deleteEndedBefore(cutoff);
  }

  @Override
  public Optional<DurableWork> durableWork() {
    return delegate.durableWork();
  }
}
