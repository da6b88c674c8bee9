package dev.genjobs.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.RequestLimits;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.client.errors.ProviderError;
import dev.genjobs.client.testing.FakeBackend;
import dev.genjobs.client.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher's timing, on a scheduler the test moves by hand and a provider in memory: polls go
 * out when due and never wait on each other, timeouts fire at their deadline, provider pushback and
 * real failures are told apart, and a webhook never starts a second poll loop. Every "nothing else
 * happened" below is read off the scheduler's queue and the provider's request log.
 */
class JobWatcherScheduleTest {

  private static final Provider P = Provider.CREATIVE_API;

  /** No jitter: 1 s, 2 s, 4 s, then every 5 s. */
  private static final PollPolicy POLICY =
      PollPolicy.builder()
          .initialInterval(Duration.ofSeconds(1))
          .multiplier(2)
          .maxInterval(Duration.ofSeconds(5))
          .jitter(0)
          .webhookFallback(Duration.ofMinutes(10))
          .maxConsecutiveErrors(3)
          .build();

  private final ManualScheduler scheduler = ManualScheduler.atEpochPlusOneDay();
  private final Instant t0 = scheduler.now();
  private final FakeBackend provider = new FakeBackend(P, scheduler);
  private final List<PollTicket> sent = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private WatchHooks extraHooks = WatchHooks.NONE;
  private JobWatcher watcher = watcher(Map.of());

  private JobWatcher watcher(Map<Provider, RequestLimits> limits) {
    return JobWatcher.builder()
        .scheduler(scheduler)
        .pollPolicy(POLICY)
        .requestLimits(limits)
        .hooks(
            new WatchHooks() {
              @Override
              public CompletionStage<Boolean> claimPoll(PollTicket ticket) {
                return extraHooks.claimPoll(ticket);
              }

              @Override
              public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable f) {
                sent.add(ticket);
              }

              @Override
              public CompletionStage<Void> jobEnded(
                  Provider provider, String jobId, JobSnapshot terminal, Throwable failure) {
                events.add("ended " + jobId);
                return CompletableFuture.completedFuture(null);
              }
            })
        .build();
  }

  @AfterEach
  void close() {
    watcher.close();
  }

  private CompletableFuture<JobSnapshot> await(String jobId, Duration timeout) {
    return watcher.watch(provider, jobId, timeout, POLICY, ProgressListener.NONE, false);
  }

  private Duration since(Instant start, Instant t) {
    return Duration.between(start, t);
  }

  private static ApiException status(int status, Duration retryAfter) {
    return ApiException.of(
        P, "getJob", new HttpFailure(status, ProviderError.none(), "", "req-1", retryAfter));
  }

  @Test
  void
      givenOneProviderGetHangingFor60s_whenAThousandOtherJobsFinish_thenEachIsNoticedAtItsNextPollAndTheHangingWaitTimesOutAtItsDeadline() {
    // Job i finishes at 3.001 s + i ms; "hang" answers nothing for 60 s.
    Map<String, Instant> finishesAt = new HashMap<>();
    for (int i = 0; i < 1000; i++) finishesAt.put("job-" + i, t0.plusMillis(3001 + i));
    provider.defaultRule(
        id ->
            CompletableFuture.completedFuture(
                FakeBackend.snapshot(
                    id,
                    scheduler.now().isBefore(finishesAt.get(id))
                        ? JobStatus.RUNNING
                        : JobStatus.SUCCEEDED)));
    provider.rule(
        "hang",
        id -> {
          CompletableFuture<JobSnapshot> answer = new CompletableFuture<>();
          scheduler.schedule(
              () -> answer.complete(FakeBackend.snapshot(id, JobStatus.SUCCEEDED)),
              Duration.ofSeconds(60));
          return answer;
        });
    CompletableFuture<JobSnapshot> hanging = await("hang", Duration.ofSeconds(10));
    Map<String, Instant> noticed = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      String id = "job-" + i;
      await(id, Duration.ofMinutes(5)).thenRun(() -> noticed.put(id, scheduler.now()));
    }
    Instant[] timedOutAt = new Instant[1];
    hanging.whenComplete((r, e) -> timedOutAt[0] = scheduler.now());

    scheduler.advance(Duration.ofSeconds(9));
    assertThat(hanging).isNotDone();
    scheduler.advance(Duration.ofSeconds(2));

    // The schedule is 1, 3, 7 s: every job finishing at 3.001-4.000 s is seen by the 7 s poll.
    assertThat(noticed).hasSize(1000);
    assertThat(noticed.values()).allMatch(t -> since(t0, t).equals(Duration.ofSeconds(7)));
    assertThat(sent).allMatch(t -> t.lateness().orElseThrow().isZero());
    assertThat(provider.requests()).hasSize(3 * 1000 + 1);
    assertThat(hanging).isCompletedExceptionally();
    assertThat(hanging.handle((r, e) -> e).join()).isInstanceOf(JobTimeoutException.class);
    assertThat(since(t0, timedOutAt[0])).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void givenTwoWaitsOnOneJob_whenItEnds_thenOneLoopPolledAndNothingIsLeftScheduled() {
    provider.answer("j", JobStatus.RUNNING);
    CompletableFuture<JobSnapshot> first = await("j", Duration.ofMinutes(1));
    CompletableFuture<JobSnapshot> second = await("j", Duration.ofMinutes(1));

    scheduler.advance(Duration.ofSeconds(3));
    provider.answer("j", JobStatus.SUCCEEDED);
    scheduler.advance(Duration.ofSeconds(4));

    assertThat(first).isCompleted();
    assertThat(second).isCompleted();
    assertThat(provider.requests("j"))
        .extracting(r -> since(t0, r.at()))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7));
    assertThat(scheduler.pending()).isZero();
    assertThat(watcher.activeWatches()).isZero();
  }

  @Test
  void givenAWait_whenItsFutureIsCancelled_thenNoPollIsEverMadeAgain() {
    CompletableFuture<JobSnapshot> wait = await("c", Duration.ofMinutes(1));
    scheduler.advance(Duration.ofSeconds(3));
    int before = provider.requests("c").size();

    wait.cancel(true);
    scheduler.advance(Duration.ofHours(1));

    assertThat(before).isEqualTo(2);
    assertThat(provider.requests("c")).hasSize(before);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void
      givenA429WithRetryAfterLongerThanAnyRetryCap_whenPolling_thenTheNextPollComesExactlyThatLateAndNothingCountsAsAnError() {
    CompletableFuture<JobSnapshot> wait = await("r", Duration.ofHours(1));
    provider.failWith("r", status(429, Duration.ofSeconds(300)));
    scheduler.advance(Duration.ofSeconds(1)); // poll 1 at 1 s: 429, Retry-After 300 s

    scheduler.advance(Duration.ofSeconds(299));
    assertThat(provider.requests("r")).hasSize(1);
    scheduler.advance(Duration.ofSeconds(1)); // 301 s: poll 2, again 429
    scheduler.advance(Duration.ofSeconds(300)); // 601 s: poll 3, again 429
    provider.answer("r", JobStatus.SUCCEEDED);
    scheduler.advance(Duration.ofSeconds(300)); // 901 s: poll 4 succeeds

    assertThat(provider.requests("r"))
        .extracting(r -> since(t0, r.at()).toSeconds())
        .containsExactly(1L, 301L, 601L, 901L);
    // Three 429s in a row with an error budget of 3: pressure is not failure.
    assertThat(wait).isCompleted();
    assertThat(sent).extracting(PollTicket::reason).contains(PollTicket.Reason.AFTER_PRESSURE);
  }

  @Test
  void
      givenA503WithRetryAfterForOneJob_whenAnotherJobOfTheSameProviderIsDue_thenItWaitsForTheSamePause() {
    provider.failWith("a", status(503, Duration.ofSeconds(30)));
    await("a", Duration.ofHours(1));
    scheduler.advance(Duration.ofMillis(500));
    await("b", Duration.ofHours(1)); // first poll due at 1.5 s

    scheduler.advance(Duration.ofMillis(500)); // 1 s: "a" answers 503, Retry-After 30 s
    scheduler.advance(Duration.ofSeconds(40));

    assertThat(provider.requests("b"))
        .first()
        .satisfies(r -> assertThat(since(t0, r.at())).isEqualTo(Duration.ofSeconds(31)));
  }

  @Test
  void givenRealFailures_whenTheyReachTheBudget_thenTheWaitFailsWithTheLastOne() {
    CompletableFuture<JobSnapshot> wait = await("f", Duration.ofHours(1));
    provider.failWith("f", status(500, null));

    scheduler.advance(Duration.ofSeconds(6)); // polls at 1 and 3 s fail: 2 of 3
    assertThat(wait).isNotDone();
    scheduler.advance(Duration.ofSeconds(1)); // 7 s: third failure

    assertThat(wait).isCompletedExceptionally();
    assertThat(wait.handle((r, e) -> e).join()).isInstanceOf(ApiException.class);
    assertThat(provider.requests("f")).hasSize(3);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void givenFailuresThatCannotHeal_whenPolled_thenTheWaitEndsAtTheFirstPoll() {
    provider.failWith("no-key", new MissingCredentialsException("CREATIVE_API_KEY"));
    provider.failWith("401", status(401, null));
    provider.failWith("403", status(403, null));
    provider.failWith("404", status(404, null));
    List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>();
    for (String id : List.of("no-key", "401", "403", "404")) {
      waits.add(await(id, Duration.ofHours(1)));
    }

    scheduler.advance(Duration.ofSeconds(1));

    assertThat(waits).allMatch(CompletableFuture::isCompletedExceptionally);
    assertThat(waits.get(0).handle((r, e) -> e).join())
        .isInstanceOf(MissingCredentialsException.class);
    assertThat(provider.requests()).hasSize(4);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void
      givenAScheduledPollInFlight_whenAWebhookArrives_thenOneConfirmingGetFollowsItAndStillOneLoop() {
    provider.hold("w");
    CompletableFuture<JobSnapshot> wait = await("w", Duration.ofHours(1));
    scheduler.advance(Duration.ofSeconds(1)); // scheduled poll 1 sent, unanswered

    CompletableFuture<JobWatcher.Confirmation> verdict = watcher.confirmAsync(P, "w");
    assertThat(provider.requests("w")).hasSize(1);
    assertThat(watcher.confirmAsync(P, "w"))
        .isCompletedWithValue(JobWatcher.Confirmation.DUPLICATE);

    provider.answer("w", JobStatus.RUNNING);
    provider.requests("w").get(0).answer(JobStatus.RUNNING);

    // The scheduled poll may have left before the job changed: one confirming GET right after.
    assertThat(provider.requests("w")).hasSize(2);
    assertThat(verdict).isCompletedWithValue(JobWatcher.Confirmation.STILL_RUNNING);
    scheduler.advance(Duration.ofSeconds(20));
    // One loop: polls 3.. at +4, +9, +14, +19 s after the confirmation, never two at a time.
    assertThat(provider.requests("w"))
        .extracting(r -> since(t0, r.at()).toSeconds())
        .containsExactly(1L, 1L, 5L, 10L, 15L, 20L);
    assertThat(scheduler.pending()).isEqualTo(2); // the next poll and the wait's timeout
    assertThat(wait).isNotDone();
  }

  @Test
  void givenTheScheduledPollFiringAsAWebhookConfirmationStarts_whenBothRun_thenOnlyOneGetIsMade() {
    provider.hold("x");
    await("x", Duration.ofHours(1));
    scheduler.advance(Duration.ofSeconds(1));
    provider.answer("x", JobStatus.RUNNING);
    provider.requests("x").get(0).answer(JobStatus.RUNNING); // next poll due at 3 s
    provider.hold("x");
    scheduler.advance(Duration.ofSeconds(1));
    // A scheduler thread picks the 3 s poll up (too late to cancel) ...
    Runnable firing = takePollTask();
    // ... while the webhook's confirmation starts its GET.
    CompletableFuture<JobWatcher.Confirmation> verdict = watcher.confirmAsync(P, "x");
    firing.run();

    assertThat(provider.requests("x")).hasSize(2);
    provider.answer("x", JobStatus.RUNNING);
    provider.requests("x").get(1).answer(JobStatus.RUNNING);
    assertThat(verdict).isCompletedWithValue(JobWatcher.Confirmation.STILL_RUNNING);
    scheduler.advance(Duration.ofMinutes(1));
    // The confirmation was poll 2 (at 3 s); then one loop: 4 s, then every 5 s.
    assertThat(provider.requests("x"))
        .extracting(r -> since(t0, r.at()).toSeconds())
        .containsExactly(1L, 3L, 7L, 12L, 17L, 22L, 27L, 32L, 37L, 42L, 47L, 52L, 57L, 62L);
  }

  /** The next scheduled task that is not the wait's timeout (due in an hour). */
  private Runnable takePollTask() {
    assertThat(scheduler.nextDue()).isBefore(t0.plus(Duration.ofMinutes(30)));
    return scheduler.takeNext();
  }

  @Test
  void
      givenAWebhookConfirmationInFlight_whenTheScheduledPollFallsDue_thenItIsFoldedIntoTheConfirmation() {
    await("y", Duration.ofHours(1));
    scheduler.advance(Duration.ofSeconds(1)); // poll 1: RUNNING, next due at 3 s
    provider.hold("y");
    CompletableFuture<JobWatcher.Confirmation> verdict = watcher.confirmAsync(P, "y");

    scheduler.advance(Duration.ofSeconds(10));
    assertThat(provider.requests("y")).hasSize(2);

    provider.last("y").answer(JobStatus.SUCCEEDED);
    assertThat(verdict).isCompletedWithValue(JobWatcher.Confirmation.COMPLETED);
    assertThat(events).containsExactly("ended y");
    assertThat(watcher.confirmAsync(P, "y"))
        .isCompletedWithValue(JobWatcher.Confirmation.DUPLICATE);
  }

  @Test
  void givenALimitOfTwoPerSecond_whenTenJobsFallDueTogether_thenTheyGoOutTwoPerSecond() {
    // The first watcher has no watches; closing it would close the shared scheduler.
    watcher = watcher(Map.of(P, RequestLimits.perSecond(2)));
    for (int i = 0; i < 10; i++) await("l-" + i, Duration.ofHours(1));

    scheduler.advance(Duration.ofMillis(1000 + 4500));

    List<Long> firstPolls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      firstPolls.add(since(t0, provider.requests("l-" + i).get(0).at()).toMillis());
    }
    assertThat(firstPolls)
        .containsExactly(1000L, 1000L, 1500L, 2000L, 2500L, 3000L, 3500L, 4000L, 4500L, 5000L);
  }

  @Test
  void
      givenOneRequestInFlightAtMost_whenTwoPollsAreDue_thenTheSecondLeavesWhenTheFirstIsAnswered() {
    // The first watcher has no watches; closing it would close the shared scheduler.
    watcher = watcher(Map.of(P, new RequestLimits(0, 1)));
    provider.hold("m-1");
    await("m-1", Duration.ofHours(1));
    await("m-2", Duration.ofHours(1));

    scheduler.advance(Duration.ofSeconds(1));
    assertThat(provider.requests()).extracting(FakeBackend.Request::jobId).containsExactly("m-1");
    scheduler.advance(Duration.ofMillis(250));
    provider.requests("m-1").get(0).answer(JobStatus.RUNNING);
    scheduler.runDue();

    assertThat(provider.requests())
        .extracting(FakeBackend.Request::jobId)
        .containsExactly("m-1", "m-2");
    assertThat(sent)
        .filteredOn(t -> t.jobId().equals("m-2"))
        .first()
        .satisfies(t -> assertThat(t.lateness()).contains(Duration.ofMillis(250)));
  }

  @Test
  void givenTenThousandPollsFailingAtOnceBehindAOneAtATimeLimit_whenDue_thenEachWaitFails() {
    watcher = watcher(Map.of(P, new RequestLimits(0, 1)));
    provider.defaultRule(
        id -> CompletableFuture.failedFuture(new MissingCredentialsException("CREATIVE_API_KEY")));
    List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) waits.add(await("k-" + i, Duration.ofHours(1)));

    // No deep recursion: each released slot hands the next poll to the scheduler.
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(waits).allMatch(CompletableFuture::isCompletedExceptionally);
    assertThat(provider.requests()).hasSize(10_000);
  }

  @Test
  void
      givenALedgerThatDoesNotHoldTheLease_whenAPollIsDue_thenItIsSkippedAndTriedOneIntervalLater() {
    extraHooks =
        new WatchHooks() {
          @Override
          public CompletionStage<Boolean> claimPoll(PollTicket ticket) {
            return CompletableFuture.completedFuture(ticket.attempt() > 1);
          }
        };
    await("lease", Duration.ofHours(1));

    scheduler.advance(Duration.ofSeconds(5));

    assertThat(provider.requests("lease"))
        .extracting(r -> since(t0, r.at()).toSeconds())
        .containsExactly(3L);
  }
}
