package dev.genjobs.benchmarks.watch;

import dev.genjobs.client.jobs.PollPolicy;
import java.util.Random;

/**
 * The fewest polls a backoff schedule can spend on a job: poll {@code k} is due {@code interval(1)
 * + ... + interval(k)} after the wait starts (each interval jittered, and counted from when the
 * previous poll was due, not from its answer), so a job that finishes {@code T} after the wait
 * started is seen finished by the first poll due at or after {@code T}. With jitter 0 that is
 * exact; with the library's jitter the schedule itself is random, so it is drawn per job from the
 * same policy ({@link PollPolicy#jitteredInterval}) and summed over thousands of jobs, where the
 * draws average out.
 */
public final class PollSchedule {

  private PollSchedule() {}

  /**
   * What a punctual watcher does on one draw of the schedule: how many polls it sends, and how long
   * after the wait started the one that sees the end is due.
   */
  public record Punctual(int polls, long seenAfterMillis) {}

  public static Punctual punctual(PollPolicy policy, long finishesAfterMillis, Random random) {
    int k = 1;
    long dueAt = policy.jitteredInterval(1, random.nextDouble()).toMillis();
    while (dueAt < finishesAfterMillis) {
      k++;
      dueAt += policy.jitteredInterval(k, random.nextDouble()).toMillis();
    }
    return new Punctual(k, dueAt);
  }
}
