package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.DelegatingStore;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that stops the process's progress at one chosen point of the {@code n}th create, tells
 * the parent test on stdout, and waits there to be killed:
 *
 * <ul>
 *   <li>{@code before-send}: the intent is stored (with a store that has durable work, its create
 *       deadline is scheduled in the same transaction), the POST not yet sent;
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

  CrashingStore(JobStore delegate, String point, int at) {
    super(delegate);
    this.point = point;
    this.at = at;
  }

  @Override
  public void insert(JobRecord record) {
    super.insert(record); // with durable work, the intent's create deadline commits with it
    if (record.state() == LedgerState.INTENT && intents.incrementAndGet() == at) {
      stoppedLedgerId = record.ledgerId();
      if (point.equals("before-send")) stopHere(record.ledgerId());
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
