package dev.genjobs.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.ConnectionException;
import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.ProviderError;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one set of rules every follower asks: what an answer means and when the next poll is due. */
class PollRulesTest {

  private static final Provider P = Provider.CREATIVE_API;
  private static final Instant DUE = Instant.parse("2026-12-05T10:00:00Z");
  private static final PollPolicy POLICY =
      PollPolicy.builder()
          .initialInterval(Duration.ofSeconds(1))
          .multiplier(2)
          .maxInterval(Duration.ofSeconds(30))
          .jitter(0)
          .maxConsecutiveErrors(3)
          .maxPushback(Duration.ofMinutes(2))
          .webhookFallback(Duration.ofMinutes(5))
          .build();
  private final PollRules rules = new PollRules(POLICY);

  @Test
  void aFinalStatusEndsTheFollow() {
    JobSnapshot done = snapshot(JobStatus.SUCCEEDED);

    assertThat(rules.decide(3, DUE, 2, done, null, DUE.plusMillis(40), 0.5))
        .isEqualTo(new PollRules.Ended(done));
  }

  @Test
  void aRunningJobIsPolledOneIntervalAfterThisPollWasDueAndTheBudgetIsRefilled() {
    JobSnapshot running = snapshot(JobStatus.RUNNING);
    Instant answeredLate = DUE.plusMillis(700);

    PollRules.Verdict v = rules.decide(2, DUE, 2, running, null, answeredLate, 0.5);

    // Poll 3's interval is 4 s, counted from when poll 2 was due, not from its late answer.
    assertThat(v)
        .isEqualTo(
            new PollRules.Continue(
                DUE.plusSeconds(4), PollTicket.Reason.SCHEDULED, 0, running, null));
  }

  @Test
  void retryAfterHoldsTheNextPollBackUpToTheCapAndSpendsNoBudget() {
    ApiException asked10s = status(429, Duration.ofSeconds(10));
    ApiException askedADay = status(503, Duration.ofDays(1));

    PollRules.Continue short_ =
        (PollRules.Continue) rules.decide(1, DUE, 1, null, asked10s, DUE, 0);
    PollRules.Continue long_ =
        (PollRules.Continue)
            rules.decide(1, DUE, 1, null, new CompletionException(askedADay), DUE, 0);

    assertThat(short_.nextDueAt()).isEqualTo(DUE.plusSeconds(10));
    assertThat(short_.reason()).isEqualTo(PollTicket.Reason.AFTER_PRESSURE);
    assertThat(short_.consecutiveFailures()).isEqualTo(1);
    assertThat(long_.nextDueAt()).as("capped at maxPushback").isEqualTo(DUE.plusSeconds(120));
  }

  @Test
  void passingFailuresSpendTheBudgetAndTheLastOneGivesUp() {
    ApiException overloaded = status(500, null);
    ConnectionException reset =
        new ConnectionException(P, "getJob", true, new java.io.IOException("connection reset"));

    PollRules.Verdict first = rules.decide(1, DUE, 0, null, overloaded, DUE, 0);
    PollRules.Verdict second = rules.decide(2, DUE, 1, null, reset, DUE, 0);
    PollRules.Verdict third = rules.decide(3, DUE, 2, null, overloaded, DUE, 0);

    assertThat(first)
        .isEqualTo(
            new PollRules.Continue(
                DUE.plusSeconds(2), PollTicket.Reason.AFTER_FAILURE, 1, null, overloaded));
    assertThat(((PollRules.Continue) second).consecutiveFailures()).isEqualTo(2);
    assertThat(third).isEqualTo(new PollRules.GiveUp(overloaded));
  }

  @Test
  void answersNoLaterPollCanChangeEndTheFollowAtOnce() {
    for (int status : new int[] {401, 403, 404, 422}) {
      ApiException refused = status(status, null);
      assertThat(rules.decide(1, DUE, 0, null, refused, DUE, 0))
          .as("HTTP %d", status)
          .isEqualTo(new PollRules.GiveUp(refused));
    }
  }

  @Test
  void theFirstPollWaitsForTheWebhookWhenOneWasAskedFor() {
    assertThat(rules.firstDueAt(DUE, true, 0.5)).isEqualTo(DUE.plus(Duration.ofMinutes(5)));
    assertThat(rules.firstDueAt(DUE, false, 0.5)).isEqualTo(DUE.plusSeconds(1));
  }

  private static JobSnapshot snapshot(JobStatus status) {
    return JobSnapshot.builder(P, "job-1").status(status, status.name().toLowerCase()).build();
  }

  private static ApiException status(int status, Duration retryAfter) {
    return ApiException.of(
        P, "getJob", new HttpFailure(status, ProviderError.none(), "", "req-1", retryAfter));
  }
}
