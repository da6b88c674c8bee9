package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that stops the process's progress at one chosen point of the {@code n}th create, tells
 * the parent test on stdout, and waits there to be killed:
 *
 * <ul>
 *   <li>{@code before-send}: the intent is stored, the POST not yet sent;
 *   <li>{@code after-send}: the provider answered, the answer is not yet stored.
 * </ul>
 */
final class CrashingStore implements JobStore {

  private final JobStore delegate;
  private final String point;
  private final int at;
  private final AtomicInteger intents = new AtomicInteger();
  private volatile String stoppedLedgerId;

  CrashingStore(JobStore delegate, String point, int at) {
    this.delegate = delegate;
    this.point = point;
    this.at = at;
  }

  @Override
  public void insert(JobRecord record) {
    delegate.insert(record);
    if (record.state() == LedgerState.INTENT && intents.incrementAndGet() == at) {
      stoppedLedgerId = record.ledgerId();
      if (point.equals("before-send")) stopHere(record);
    }
  }

  @Override
  public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
    if (point.equals("after-send")
        && current.ledgerId().equals(stoppedLedgerId)
        && current.state() == LedgerState.INTENT
        && next.state() != LedgerState.INTENT) {
      stopHere(current);
    }
    return delegate.replace(current, next);
  }

  private static void stopHere(JobRecord r) {
    System.out.println("AT " + r.ledgerId());
    System.out.flush();
    try {
      new CountDownLatch(1).await(); // until destroyForcibly
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
  public Optional<DurableWork> durableWork() {
    return delegate.durableWork();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
