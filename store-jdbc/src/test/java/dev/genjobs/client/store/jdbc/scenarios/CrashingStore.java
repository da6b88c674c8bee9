package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.DelegatingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that stops the process's progress at one chosen point of the {@code n}th create, tells
 * the parent test on stdout, and waits there to be killed:
 *
 * <ul>
 *   <li>{@code before-send}: the intent is stored (and its create deadline scheduled, with a store
 *       that has durable work), the POST not yet sent;
 *   <li>{@code after-send}: the provider answered, the answer is not yet stored.
 * </ul>
 *
 * Everything else, durable work included (the intent's create deadline is scheduled as in a real
 * process), goes to the store underneath.
 */
final class CrashingStore extends DelegatingStore {

  private final String point;
  private final int at;
  private final AtomicInteger intents = new AtomicInteger();
  private volatile String stoppedLedgerId;
  private volatile boolean inserted;
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  CrashingStore(JobStore delegate, String point, int at) {
    super(delegate);
    this.point = point;
    this.at = at;
  }

  @Override
  public void insert(JobRecord record) {
    super.insert(record);
    if (record.state() == LedgerState.INTENT && intents.incrementAndGet() == at) {
      stoppedLedgerId = record.ledgerId();
      inserted = true;
      beforeSend(record.ledgerId());
    }
  }

  @Override
  public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
    if (point.equals("after-send")
        && current.ledgerId().equals(stoppedLedgerId)
        && current.state() == LedgerState.INTENT
        && next.state() != LedgerState.INTENT) {
      stopHere(current.ledgerId());
    }
    return super.replace(current, next);
  }

  /**
   * Stops {@code before-send} once the chosen intent is stored and its deadline scheduled, in
   * whichever order the ledger writes them.
   */
  private void beforeSend(String ledgerId) {
    if (point.equals("before-send")
        && inserted
        && ledgerId.equals(stoppedLedgerId)
        && (super.durableWork().isEmpty() || scheduled.contains(ledgerId))) {
      stopHere(ledgerId);
    }
  }

  @Override
  public Optional<DurableWork> durableWork() {
    return super.durableWork().map(BeforeSend::new);
  }

  /** Durable work that stops {@code before-send} once the intent's deadline is scheduled. */
  private final class BeforeSend implements DurableWork {
    private final DurableWork work;

    BeforeSend(DurableWork work) {
      this.work = work;
    }

    @Override
    public void resolveIntentAt(String ledgerId, Instant deadline) {
      work.resolveIntentAt(ledgerId, deadline);
      scheduled.add(ledgerId);
      beforeSend(ledgerId);
    }

    @Override
    public Running run(Handlers handlers, int threads, Duration pollEvery) {
      return work.run(handlers, threads, pollEvery);
    }
  }

  private static void stopHere(String ledgerId) {
    System.out.println("AT " + ledgerId);
    System.out.flush();
    try {
      new CountDownLatch(1).await(); // until destroyForcibly
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
