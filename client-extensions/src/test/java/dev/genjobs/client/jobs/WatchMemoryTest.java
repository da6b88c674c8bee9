package dev.genjobs.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.testing.ManualScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a watched job holds between polls is bounded: with 10,000 jobs watched and every answer a 16
 * KiB body (decoded into a model of about the same size), the heap held per job after the first
 * poll stays a small constant, because the watch keeps what users read (status, outputs, failure
 * reason) and drops the decoded model and the raw text once the answer was handed on. Measured as
 * the live heap after a full collection, before the watches and with all of them polled; the
 * numbers are printed for {@code benchmarks/RESULTS.md}.
 */
class WatchMemoryTest {

  private static final int JOBS = 10_000;
  private static final int BODY_CHARS = 16 * 1024;

  /** Everything a watch may keep, per job: well under one answer's body. */
  private static final long MAX_BYTES_PER_JOB = 4 * 1024;

  private static final PollPolicy POLICY =
      PollPolicy.builder()
          .initialInterval(Duration.ofSeconds(1))
          .multiplier(2)
          .maxInterval(Duration.ofSeconds(5))
          .jitter(0)
          .build();

  @Test
  void aWatchedJobHoldsNeitherTheRawBodyNorTheDecodedModelOfItsLastAnswer() {
    ManualScheduler scheduler = ManualScheduler.atEpochPlusOneDay();
    // Counts its GETs and keeps nothing, so what stays on the heap is the watcher's.
    AtomicInteger gets = new AtomicInteger();
    JobBackend provider =
        new JobBackend() {
          @Override
          public Provider provider() {
            return Provider.CREATIVE_API;
          }

          @Override
          public JobSnapshot fetch(String jobId) {
            throw new AssertionError("the watcher must not make a blocking GET");
          }

          @Override
          public CompletableFuture<JobSnapshot> fetchAsync(String jobId) {
            gets.incrementAndGet();
            return bigAnswer(jobId);
          }
        };
    JobWatcher watcher = JobWatcher.builder().scheduler(scheduler).pollPolicy(POLICY).build();
    long before = liveHeap();

    List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>(JOBS);
    List<JobProgress> seen = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      // The first job's listener keeps what it is given: listeners see the whole answer.
      ProgressListener listener = i == 0 ? seen::add : ProgressListener.NONE;
      waits.add(watcher.watch(provider, "job-" + i, Duration.ofHours(1), POLICY, listener, false));
    }
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(gets).hasValue(JOBS);
    long after = liveHeap();

    long perJob = (after - before) / JOBS;
    System.out.printf(
        "WatchMemoryTest: %d jobs, %d-char answers: live heap %.1f MiB before, %.1f MiB after,"
            + " %d bytes per watched job%n",
        JOBS, BODY_CHARS, before / 1048576.0, after / 1048576.0, perJob);
    assertThat(seen.get(0).snapshot().rawResponse())
        .hasValueSatisfying(raw -> assertThat(raw).hasSize(BODY_CHARS));
    assertThat(perJob).isLessThan(MAX_BYTES_PER_JOB);
    assertThat(waits).allMatch(w -> !w.isDone());
    watcher.close();
  }

  private static CompletableFuture<JobSnapshot> bigAnswer(String jobId) {
    char[] text = new char[BODY_CHARS];
    Arrays.fill(text, 'x');
    return CompletableFuture.completedFuture(
        JobSnapshot.builder(Provider.CREATIVE_API, jobId)
            .status(JobStatus.RUNNING, "processing")
            .outputUrls(List.of(URI.create("https://cdn.example/" + jobId + ".png")))
            .rawResponse(new String(text))
            .providerResponse(Map.of("blob", new byte[BODY_CHARS]))
            .build());
  }

  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
