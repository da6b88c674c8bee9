package dev.genjobs.benchmarks.watch;

import dev.genjobs.client.jobs.PollPolicy;

/**
 * The fewest polls a backoff schedule can spend on a job: with jitter 0 poll {@code k} happens
 * {@code interval(1) + ... + interval(k)} after the wait starts, so a job that finishes {@code T}
 * after the wait started is seen finished at the first {@code k} whose sum reaches {@code T}.
 */
final class PollSchedule {

  private final long[] cumulativeMillis;

  PollSchedule(PollPolicy policy, int maxPolls) {
    cumulativeMillis = new long[maxPolls];
    long sum = 0;
    for (int k = 1; k <= maxPolls; k++) {
      sum += policy.interval(k).toMillis();
      cumulativeMillis[k - 1] = sum;
    }
  }

  /** When poll {@code k} (from 1) is due, in milliseconds after the wait started. */
  long cumulativeMillis(int k) {
    return cumulativeMillis[k - 1];
  }

  /** The smallest {@code k >= 1} with {@code interval(1..k)} summing to at least {@code t}. */
  int minimumPolls(long finishesAfterMillis) {
    for (int k = 0; k < cumulativeMillis.length; k++) {
      if (cumulativeMillis[k] >= finishesAfterMillis) return k + 1;
    }
    throw new IllegalArgumentException(
        "a job finishing after " + finishesAfterMillis + " ms is beyond the schedule");
  }
}
