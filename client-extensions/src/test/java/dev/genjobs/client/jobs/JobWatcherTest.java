package dev.genjobs.client.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.eventually;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static dev.genjobs.client.testing.JobStands.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for jobs: progress, timeouts, interrupts and cancellation, sharing one poll loop, poll
 * failures, and many jobs on the watcher's two threads. Uses Creative API jobs, whose ids are free
 * text and need no create call.
 */
class JobWatcherTest {

  private Stand stand;
  private GenJobsClient client;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand();
    client = stand.client();
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private static MappingBuilder getJob(String jobId) {
    return get(urlPathEqualTo("/get")).withQueryParam("jobId", equalTo(jobId));
  }

  private static String job(String jobId, String status) {
    return q("{'jobId':'" + jobId + "','status':'" + status + "'}");
  }

  private Job handle(String jobId) {
    return client.job(Provider.CREATIVE_API, jobId);
  }

  private int polls(String jobId) {
    return stand
        .requests(getRequestedFor(urlPathEqualTo("/get")).withQueryParam("jobId", equalTo(jobId)))
        .size();
  }

  @Test
  void givenJobChangingStatus_whenAwaited_thenListenerSeesChangesAttemptsAndElapsed()
      throws Exception {
    stubSequence(
        stand.server(),
        "progress",
        () -> getJob("p-1"),
        json(job("p-1", "pending")),
        json(job("p-1", "pending")),
        json(job("p-1", "processing")),
        json(job("p-1", "completed")));
    List<JobProgress> seen = new CopyOnWriteArrayList<>();

    JobSnapshot done = handle("p-1").await(Duration.ofSeconds(5), seen::add);

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(seen).extracting(JobProgress::attempt).containsExactly(1, 2, 3, 4);
    assertThat(seen)
        .extracting(p -> p.snapshot().status())
        .containsExactly(
            JobStatus.QUEUED, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    assertThat(seen)
        .extracting(JobProgress::statusChanged)
        .containsExactly(true, false, true, true);
    assertThat(seen.get(0).previousStatus()).isNull();
    assertThat(seen.get(2).previousStatus()).isEqualTo(JobStatus.QUEUED);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).elapsed()).isGreaterThan(seen.get(i - 1).elapsed());
    }
    assertThat(seen.get(3).elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    stand.verify(exactly(4), getRequestedFor(urlPathEqualTo("/get")));
  }

  @Test
  void givenJobThatNeverEnds_whenAwaitedWithTimeout_thenTimeoutCarriesTheLastSnapshot() {
    stand.stubFor(getJob("t-1").willReturn(json(job("t-1", "processing"))));

    // Long enough for a first poll even in a cold JVM; the job never ends anyway.
    assertThatThrownBy(() -> handle("t-1").await(Duration.ofMillis(600)))
        .isInstanceOfSatisfying(
            JobTimeoutException.class,
            e -> {
              assertThat(e.timeout()).isEqualTo(Duration.ofMillis(600));
              assertThat(e.lastSnapshot()).isPresent();
              assertThat(e.lastSnapshot().get().status()).isEqualTo(JobStatus.RUNNING);
              assertThat(e.lastSnapshot().get().rawStatus()).isEqualTo("processing");
              assertThat(e.getMessage()).contains("t-1").contains("processing");
            });
  }

  @Test
  void givenAwaitingThread_whenInterrupted_thenAwaitThrowsInterruptedException() throws Exception {
    stand.stubFor(getJob("i-1").willReturn(json(job("i-1", "processing"))));
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                handle("i-1").await(Duration.ofSeconds(10));
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    waiter.start();
    assertThat(eventually(Duration.ofSeconds(2), () -> polls("i-1") >= 2)).isTrue();

    waiter.interrupt();
    waiter.join(2000);

    // That the interrupted wait's polling stops is JobWatcherScheduleTest's cancellation case:
    // await cancels its future on interrupt.
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void givenTwoHundredJobs_whenAwaitedAsyncTogether_thenAllCompleteOnTheWatchersTwoThreads()
      throws Exception {
    stand.stubFor(get(urlPathEqualTo("/get")).willReturn(json("{\"status\":\"processing\"}")));
    // Watchers of earlier tests' closed clients end asynchronously; let them go first.
    eventually(Duration.ofSeconds(1), () -> JobStands.liveThreadsNamed("genjobs-watcher") == 0);
    int before = JobStands.liveThreadsNamed("genjobs-watcher");
    AtomicInteger maxThreads = new AtomicInteger();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                maxThreads.accumulateAndGet(
                    JobStands.liveThreadsNamed("genjobs-watcher") - before, Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();

    List<CompletableFuture<JobSnapshot>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(handle("many-" + i).awaitAsync(Duration.ofSeconds(20)));
    }
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () ->
                    stand.server().findAll(getRequestedFor(urlPathEqualTo("/get"))).size() >= 300))
        .isTrue();
    stand.stubFor(
        get(urlPathEqualTo("/get")).atPriority(1).willReturn(json("{\"status\":\"completed\"}")));
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
    sampling.set(false);
    sampler.join();

    assertThat(futures)
        .allSatisfy(f -> assertThat(f.join().status()).isEqualTo(JobStatus.SUCCEEDED));
    assertThat(futures.get(7).join().id()).isEqualTo("many-7");
    assertThat(maxThreads.get()).isBetween(1, 2);
    assertThat(client.options().watcherThreads()).isEqualTo(2);
  }

  @Test
  void givenSameJobAwaitedTwice_whenItCompletes_thenBothWaitsShareOnePollLoop() throws Exception {
    stubSequence(
        stand.server(),
        "shared",
        () -> getJob("s-1"),
        json(job("s-1", "pending")),
        json(job("s-1", "processing")),
        json(job("s-1", "completed")));

    CompletableFuture<JobSnapshot> first = handle("s-1").awaitAsync(Duration.ofSeconds(30));
    CompletableFuture<JobSnapshot> second = handle("s-1").awaitAsync(Duration.ofSeconds(30));

    assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(second.get(20, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
    stand.verify(exactly(3), getRequestedFor(urlPathEqualTo("/get")));
  }

  @Test
  void givenSameJobAwaitedTwice_whenFirstWaitIsCancelled_thenSecondWaitStillCompletes()
      throws Exception {
    stubSequence(
        stand.server(),
        "shared-cancel",
        () -> getJob("s-2"),
        json(job("s-2", "pending")),
        json(job("s-2", "processing")),
        json(job("s-2", "processing")),
        json(job("s-2", "completed")));
    CompletableFuture<JobSnapshot> first = handle("s-2").awaitAsync(Duration.ofSeconds(30));
    CompletableFuture<JobSnapshot> second = handle("s-2").awaitAsync(Duration.ofSeconds(30));

    first.cancel(true);

    assertThat(second.get(20, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void givenSameJobAwaitedTwice_whenSecondWaitHasShorterTimeout_thenItTimesOutOnItsOwn() {
    stand.stubFor(getJob("s-3").willReturn(json(job("s-3", "processing"))));
    handle("s-3").awaitAsync(Duration.ofSeconds(30));

    CompletableFuture<JobSnapshot> shorter = handle("s-3").awaitAsync(Duration.ofMillis(200));

    assertThatThrownBy(() -> shorter.get(1500, TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(JobTimeoutException.class);
  }

  @Test
  void givenSameJobAwaitedTwice_whenPolled_thenTheSecondWaitsListenerIsToldToo() throws Exception {
    stubSequence(
        stand.server(),
        "shared-listener",
        () -> getJob("s-4"),
        json(job("s-4", "processing")),
        json(job("s-4", "completed")));
    List<JobProgress> secondSaw = new CopyOnWriteArrayList<>();
    CompletableFuture<JobSnapshot> first = handle("s-4").awaitAsync(Duration.ofSeconds(30));

    CompletableFuture<JobSnapshot> second =
        handle("s-4").awaitAsync(Duration.ofSeconds(5), secondSaw::add);
    second.get(20, TimeUnit.SECONDS);
    first.get(20, TimeUnit.SECONDS);

    assertThat(secondSaw).isNotEmpty();
    assertThat(secondSaw.get(secondSaw.size() - 1).snapshot().status())
        .isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void givenPollsFailingWith503WithinTheErrorBudget_whenAwaited_thenPollingGoesOnToTheResult()
      throws Exception {
    // A poll is one GET (the poll loop is the retry loop): polls 1-3 fail, 4 and 5 succeed.
    stubSequence(
        stand.server(),
        "flaky",
        () -> getJob("f-1"),
        json(503, q("{'status':'error','message':'overloaded'}")),
        json(503, q("{'status':'error','message':'overloaded'}")),
        json(503, q("{'status':'error','message':'overloaded'}")),
        json(job("f-1", "processing")),
        json(job("f-1", "completed")));
    List<JobProgress> seen = new CopyOnWriteArrayList<>();

    JobSnapshot done = handle("f-1").await(Duration.ofSeconds(5), seen::add);

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(seen).extracting(JobProgress::attempt).containsExactly(4, 5);
    stand.verify(exactly(5), getRequestedFor(urlPathEqualTo("/get")));
  }

  @Test
  void givenJobUnknownToTheProvider_whenAwaited_then404EndsTheWaitAfterOneRequest() {
    stand.stubFor(
        getJob("gone").willReturn(json(404, q("{'status':'error','message':'Job not found'}"))));

    assertThatThrownBy(() -> handle("gone").await(Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.error().messageText()).contains("Job not found");
            });
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/get")));
  }
}
