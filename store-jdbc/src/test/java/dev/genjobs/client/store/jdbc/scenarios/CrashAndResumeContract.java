package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.ChildJvm;
import dev.genjobs.client.store.jdbc.testing.Eventually;
import dev.genjobs.client.store.jdbc.testing.RecordedCreates;
import dev.genjobs.client.store.jdbc.testing.WebhookRelay;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A service is killed ({@code destroyForcibly}) at every dangerous point of a job's life, then a
 * fresh process resumes from the ledger. Whatever the stand-ins started must end exactly once in
 * the ledger; nothing is created twice; nothing is lost.
 */
abstract class CrashAndResumeContract {

  private static final Duration STEP = Duration.ofMillis(300);

  /** Where children open the ledger ({@code embedded:<dir>} or a JDBC URL). */
  abstract String ledgerLocation();

  /** The same ledger, for the test to read once the children are gone. */
  abstract JobStore openLedger();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void killedBeforeSendAfterSendAndWhileWatchingThenResumedEveryJobEndsOnceAndNoneTwice()
      throws Exception {
    RecordedCreates provider = new RecordedCreates();
    String neverSent;
    String answerLost;
    File stderr = new File("target/ledger-children-" + getClass().getSimpleName() + ".log");
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(STEP)
                    .deliverWebhooks(true)
                    .listener(provider)
                    .build());
        WebhookRelay relay = new WebhookRelay()) {
      String[] common = {ledgerLocation(), standIns.baseUrl().toString(), relay.url().toString()};

      // 1. Killed with the third intent stored and its POST not sent.
      try (ChildJvm a = start(stderr, relay, common, "create", "4", "before-send", "3")) {
        neverSent = a.awaitLine("AT ", Duration.ofSeconds(60)).substring(3);
        a.kill();
        relay.clear();
      }
      // 2. Killed after the provider answered the second create, before the answer was stored.
      try (ChildJvm b = start(stderr, relay, common, "create", "4", "after-send", "2")) {
        answerLost = b.awaitLine("AT ", Duration.ofSeconds(60)).substring(3);
        b.kill();
        relay.clear();
      }
      // 3. Killed while following four jobs (polls and webhooks under way).
      try (ChildJvm c = start(stderr, relay, common, "create", "4", "watching", "0")) {
        int creates = provider.creates.size();
        c.awaitLine("AT watching", Duration.ofSeconds(60));
        assertThat(provider.creates).hasSize(creates + 4);
        c.kill();
        relay.clear();
      }
      // 4. A fresh process resumes.
      try (ChildJvm d = start(stderr, relay, common, "resume")) {
        d.awaitLine("DONE", Duration.ofSeconds(120));
        // Every job's webhook was taken by a live instance (late ones bind lost answers).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (relay.delivered.get() < provider.creates.size() && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(relay.delivered.get()).isGreaterThanOrEqualTo(provider.creates.size());
        // A delivery is kept durably and confirmed as work: wait until every job the provider
        // started ended in the ledger (or the assertions below say which did not).
        Set<String> tokens =
            provider.creates.stream()
                .map(RecordedCreates.Create::token)
                .collect(Collectors.toSet());
        try (JobStore ledger = openLedger()) {
          Eventually.await(
              "every job the provider started ended in the ledger",
              Duration.ofSeconds(60),
              () ->
                  ledger.list(JobFilter.all()).stream()
                      .noneMatch(
                          r ->
                              tokens.contains(r.correlationToken())
                                  && r.state() != LedgerState.ENDED),
              () -> ledger.list(JobFilter.all()));
        }
        d.kill();
      }
    }

    List<RecordedCreates.Create> creates = provider.creates;
    try (JobStore ledger = openLedger()) {
      List<JobRecord> records = ledger.list(JobFilter.all());
      Map<String, JobRecord> byToken =
          records.stream()
              .collect(Collectors.toMap(JobRecord::correlationToken, Function.identity()));

      // Zero duplicate creates: every POST carried a different intent's token.
      assertThat(creates).allMatch(c -> c.status() == 200 && c.token() != null);
      assertThat(creates).extracting(RecordedCreates.Create::token).doesNotHaveDuplicates();
      assertThat(creates).hasSize(2 + 2 + 4);
      // Zero lost jobs: every job the provider started ended once in the ledger, as that job.
      for (RecordedCreates.Create c : creates) {
        JobRecord r = byToken.get(c.token());
        assertThat(r).as("record for token %s", c.token()).isNotNull();
        assertThat(r.state())
            .as(
                "%s token %s; all records %s; creates %s",
                r,
                r.correlationToken(),
                records.stream()
                    .map(
                        x ->
                            x.correlationToken()
                                + "="
                                + x.providerJobId().orElse("-")
                                + "/"
                                + x.state())
                    .toList(),
                creates)
            .isEqualTo(LedgerState.ENDED);
        assertThat(r.providerJobId()).contains(c.jobId());
        assertThat(r.attempts().stream().map(Attempt::event).filter("ended"::equals)).hasSize(1);
      }
      // The create that never left stays visible as AMBIGUOUS: never sent, never re-sent.
      JobRecord unsent = ledger.get(neverSent).orElseThrow();
      assertThat(unsent.state()).isEqualTo(LedgerState.AMBIGUOUS);
      Set<String> sentTokens =
          creates.stream().map(RecordedCreates.Create::token).collect(Collectors.toSet());
      assertThat(sentTokens).doesNotContain(unsent.correlationToken());
      // The create whose answer was lost was found again by its webhook's token.
      JobRecord found = ledger.get(answerLost).orElseThrow();
      assertThat(found.state()).isEqualTo(LedgerState.ENDED);
      assertThat(found.attempts()).extracting(Attempt::event).contains("bound");
      assertThat(records).hasSize(3 + 2 + 4);
    }
  }

  private ChildJvm start(
      File stderr, WebhookRelay relay, String[] common, String mode, String... rest)
      throws Exception {
    String[] args = new String[1 + common.length + rest.length];
    args[0] = mode;
    System.arraycopy(common, 0, args, 1, common.length);
    System.arraycopy(rest, 0, args, 1 + common.length, rest.length);
    ChildJvm child = ChildJvm.start(LedgerChild.class, stderr, args);
    URI receiver = URI.create(child.awaitLine("RECEIVER ", Duration.ofSeconds(60)).substring(9));
    relay.add(
        (uri, body, headers) ->
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                receiver
                                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode());
    return child;
  }
}
