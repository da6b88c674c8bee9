package dev.genjobs.client.store.jdbc.testing;

import dev.genjobs.standins.Exchange;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds the stand-ins' answers to job GETs while closed: a poll that reached the provider and has
 * not been answered yet, so a test can kill the instance that sent it in the middle of it.
 */
public final class GetGate implements Exchange.Listener {

  private volatile CountDownLatch open = new CountDownLatch(0);

  /** GETs waiting at the gate now. */
  public final AtomicInteger held = new AtomicInteger();

  public void close() {
    open = new CountDownLatch(1);
  }

  public void open() {
    open.countDown();
  }

  @Override
  public void onExchange(Exchange e) {
    if (!e.method().equals("GET")) return;
    CountDownLatch gate = open;
    if (gate.getCount() == 0) return;
    held.incrementAndGet();
    try {
      // Bounded, so a test that fails before opening does not hold the stand-in's threads.
      gate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } finally {
      held.decrementAndGet();
    }
  }
}
