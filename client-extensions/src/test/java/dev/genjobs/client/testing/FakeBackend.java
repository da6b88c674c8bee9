package dev.genjobs.client.testing;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A provider in memory for watcher specifications: each {@link #fetchAsync} is recorded and
 * answered by a rule the test sets per job, or left open ({@link #hold}) until the test answers it.
 * The blocking {@link #fetch} is refused, so a watcher that blocks on a poll cannot pass.
 */
public final class FakeBackend implements JobBackend {

  /** One GET as the provider saw it. */
  public record Request(String jobId, Instant at, CompletableFuture<JobSnapshot> answer) {
    public void answer(JobStatus status) {
      answer.complete(snapshot(jobId, status));
    }

    public void fail(Throwable t) {
      answer.completeExceptionally(t);
    }
  }

  private final Provider provider;
  private final ManualScheduler scheduler;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Function<String, CompletableFuture<JobSnapshot>>> rules =
      new ConcurrentHashMap<>();
  private Function<String, CompletableFuture<JobSnapshot>> defaultRule;

  public FakeBackend(Provider provider, ManualScheduler scheduler) {
    this.provider = provider;
    this.scheduler = scheduler;
    this.defaultRule = id -> done(id, JobStatus.RUNNING);
  }

  public static JobSnapshot snapshot(String jobId, JobStatus status) {
    return JobSnapshot.builder(Provider.CREATIVE_API, jobId)
        .status(status, status.name().toLowerCase())
        .build();
  }

  private static CompletableFuture<JobSnapshot> done(String jobId, JobStatus status) {
    return CompletableFuture.completedFuture(snapshot(jobId, status));
  }

  /** Every GET of {@code jobId} answers {@code status} at once. */
  public FakeBackend answer(String jobId, JobStatus status) {
    rules.put(jobId, id -> done(id, status));
    return this;
  }

  /** GETs of {@code jobId} fail with {@code failure}, every time. */
  public FakeBackend failWith(String jobId, RuntimeException failure) {
    rules.put(jobId, id -> CompletableFuture.failedFuture(failure));
    return this;
  }

  /** GETs of {@code jobId} are answered by {@code rule}. */
  public FakeBackend rule(String jobId, Function<String, CompletableFuture<JobSnapshot>> rule) {
    rules.put(jobId, rule);
    return this;
  }

  /** Jobs without a rule are answered by {@code rule}. */
  public FakeBackend defaultRule(Function<String, CompletableFuture<JobSnapshot>> rule) {
    this.defaultRule = rule;
    return this;
  }

  /** GETs of {@code jobId} stay unanswered until the test answers them. */
  public FakeBackend hold(String jobId) {
    rules.put(jobId, id -> new CompletableFuture<>());
    return this;
  }

  @Override
  public Provider provider() {
    return provider;
  }

  @Override
  public JobSnapshot fetch(String jobId) {
    throw new AssertionError("the watcher must not make a blocking GET");
  }

  @Override
  public CompletableFuture<JobSnapshot> fetchAsync(String jobId) {
    CompletableFuture<JobSnapshot> answer = rules.getOrDefault(jobId, defaultRule).apply(jobId);
    synchronized (this) {
      requests.add(new Request(jobId, scheduler.now(), answer));
    }
    return answer;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<Request> requests(String jobId) {
    return requests.stream().filter(r -> r.jobId().equals(jobId)).toList();
  }

  public synchronized Request last(String jobId) {
    List<Request> mine = requests(jobId);
    if (mine.isEmpty()) throw new AssertionError("no GET of " + jobId);
    return mine.get(mine.size() - 1);
  }
}
