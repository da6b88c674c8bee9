package dev.genjobs.client.testing;

import dev.genjobs.client.jobs.WatchScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link WatchScheduler} whose time moves only when the test says so. Tasks run on the test's
 * thread, in due order, inside {@link #advance(Duration)}; "nothing else happened" is then a fact
 * about the queue, not a guess after a sleep.
 */
public final class ManualScheduler implements WatchScheduler {

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private Instant now;
  private long sequence;
  private boolean closed;

  public ManualScheduler(Instant start) {
    this.now = start;
  }

  public static ManualScheduler atEpochPlusOneDay() {
    return new ManualScheduler(Instant.parse("2026-01-02T00:00:00Z"));
  }

  private final class Task implements Comparable<Task>, Cancellable {
    final Instant at;
    final long seq;
    final Runnable body;
    boolean done;

    Task(Instant at, long seq, Runnable body) {
      this.at = at;
      this.seq = seq;
      this.body = body;
    }

    @Override
    public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public boolean cancel() {
      synchronized (ManualScheduler.this) {
        if (done) return false;
        done = true;
        return queue.remove(this);
      }
    }
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(delay.isNegative() ? now : now.plus(delay), sequence++, task);
    if (!closed) queue.add(t);
    return t;
  }

  /** Moves time forward by {@code d}, running every task that falls due, each at its own time. */
  public void advance(Duration d) {
    Instant until;
    synchronized (this) {
      until = now.plus(d);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at.isAfter(until)) {
          now = until;
          return;
        }
        queue.poll();
        next.done = true;
        if (next.at.isAfter(now)) now = next.at;
      }
      next.body.run();
    }
  }

  /** Runs what is due now (tasks scheduled with no delay). */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /**
   * Takes the next task off the queue as a scheduler thread would when it starts running it: its
   * cancel now fails. The test runs it when it wants, to force an interleaving.
   */
  public synchronized Runnable takeNext() {
    Task t = queue.poll();
    if (t == null) throw new IllegalStateException("nothing scheduled");
    t.done = true;
    if (t.at.isAfter(now)) now = t.at;
    return t.body;
  }

  /** When the next task is due, if any. */
  public synchronized Instant nextDue() {
    Task t = queue.peek();
    return t == null ? null : t.at;
  }

  public synchronized int pending() {
    return queue.size();
  }

  public synchronized List<Instant> dueTimes() {
    List<Instant> times = new ArrayList<>();
    queue.forEach(t -> times.add(t.at));
    times.sort(null);
    return times;
  }

  @Override
  public synchronized void close() {
    closed = true;
    queue.clear();
  }
}
