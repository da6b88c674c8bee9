package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.ChildJvm;
import dev.genjobs.client.store.jdbc.testing.Eventually;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.store.jdbc.testing.RecordedCreates;
import dev.genjobs.client.store.jdbc.testing.WebhookRelay;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process is killed (SIGKILL) in the middle of a create; another instance on the ledger, which
 * nobody asks to {@code resume()}, resolves the intent it left: the create deadline was scheduled
 * as durable work (db-scheduler) when the intent was written, and the webhook carries the record's
 * token.
 */
abstract class IntentResolvedWithoutResumeContract {

  /** Where the child opens the ledger ({@code embedded:<dir>} or a JDBC URL). */
  abstract String ledgerLocation();

  /** The same ledger, for the other instance and the test's reads. */
  abstract JobStore openLedger();

  @Test
  void anIntentWhoseProcessWasKilledAfterTheProviderAnsweredBecomesAmbiguousOnTheOtherInstance()
      throws Exception {
    try (Scenario s = new Scenario(false)) {
      String ledgerId = s.killCreatorAt("after-send");
      assertThat(s.provider.creates).hasSize(1);

      Eventually.await(
          "the intent is resolved at its deadline",
          Duration.ofSeconds(30),
          () -> s.ledger.get(ledgerId).orElseThrow().state() != LedgerState.INTENT);

      JobRecord r = s.ledger.get(ledgerId).orElseThrow();
      // No webhook, and the Creative API lists no jobs: the job may exist, for a person to bind.
      assertThat(r.state()).isEqualTo(LedgerState.AMBIGUOUS);
      assertThat(r.attempts())
          .filteredOn(a -> a.event().equals("deadline-passed"))
          .extracting(Attempt::instance)
          .containsExactly("other");
    }
  }

  @Test
  void anIntentWhoseProcessWasKilledAfterTheProviderAnsweredIsBoundByItsWebhookAndFollowed()
      throws Exception {
    try (Scenario s = new Scenario(true)) {
      String ledgerId = s.killCreatorAt("after-send");
      assertThat(s.provider.creates).hasSize(1);
      String jobId = s.provider.creates.get(0).jobId();

      Eventually.await(
          "the other instance binds the job and sees it end",
          Duration.ofSeconds(30),
          () -> s.ledger.get(ledgerId).orElseThrow().state() == LedgerState.ENDED,
          () -> s.ledger.get(ledgerId));

      JobRecord r = s.ledger.get(ledgerId).orElseThrow();
      assertThat(r.providerJobId()).contains(jobId);
      assertThat(r.attempts())
          .filteredOn(a -> a.event().equals("bound"))
          .extracting(Attempt::instance)
          .containsExactly("other");
      assertThat(r.attempts().stream().map(Attempt::event).filter("ended"::equals)).hasSize(1);
      assertThat(s.provider.creates).as("never created again").hasSize(1);
    }
  }

  @Test
  void anIntentWhoseProcessWasKilledBeforeTheSendBecomesAmbiguousAndNothingIsSent()
      throws Exception {
    try (Scenario s = new Scenario(true)) {
      String ledgerId = s.killCreatorAt("before-send");

      Eventually.await(
          "the intent is resolved at its deadline",
          Duration.ofSeconds(30),
          () -> s.ledger.get(ledgerId).orElseThrow().state() != LedgerState.INTENT);

      JobRecord r = s.ledger.get(ledgerId).orElseThrow();
      assertThat(r.state()).isEqualTo(LedgerState.AMBIGUOUS);
      assertThat(r.attempts())
          .filteredOn(a -> a.event().equals("deadline-passed"))
          .extracting(Attempt::instance)
          .containsExactly("other");
      assertThat(s.provider.creates).as("the other instance never sends a create").isEmpty();
    }
  }

  /** Stand-ins, a webhook relay to the other instance, and the other instance itself. */
  private final class Scenario implements AutoCloseable {
    final RecordedCreates provider = new RecordedCreates();
    final ProviderStandIns standIns;
    final WebhookRelay relay;
    final JobStore ledger;
    final GenJobsClient other;
    final boolean webhook;

    Scenario(boolean webhook) throws Exception {
      this.webhook = webhook;
      standIns =
          ProviderStandIns.start(
              StandInOptions.builder()
                  .stepDuration(Duration.ofMillis(100))
                  .deliverWebhooks(true)
                  .listener(provider)
                  .build());
      relay = new WebhookRelay();
      ledger = openLedger();
      other = LedgerClients.client(standIns.baseUrl(), ledger, "other");
      relay.add(
          (uri, body, headers) ->
              other
                  .webhooks()
                  .handleAsync(uri, body, headers)
                  .get(10, TimeUnit.SECONDS)
                  .httpStatus());
    }

    /** Starts a creating process, lets it reach {@code point} of its first create, kills it. */
    String killCreatorAt(String point) throws Exception {
      File stderr =
          new File(
              "target/intent-without-resume-"
                  + IntentResolvedWithoutResumeContract.this.getClass().getSimpleName()
                  + ".log");
      try (ChildJvm creator =
          ChildJvm.start(
              CreatingChild.class,
              stderr,
              point,
              ledgerLocation(),
              standIns.baseUrl().toString(),
              webhook ? relay.url().toString() : "-",
              "killed")) {
        creator.awaitLine("READY", Duration.ofSeconds(60));
        creator.send("go");
        String ledgerId = creator.awaitLine("AT ", Duration.ofSeconds(30)).substring(3);
        creator.kill();
        assertThat(ledger.get(ledgerId).orElseThrow().state()).isEqualTo(LedgerState.INTENT);
        return ledgerId;
      }
    }

    @Override
    public void close() {
      other.close();
      relay.close();
      standIns.close();
      ledger.close();
    }
  }
}
