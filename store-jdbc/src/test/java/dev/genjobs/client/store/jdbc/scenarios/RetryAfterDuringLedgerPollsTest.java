package dev.genjobs.client.store.jdbc.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a durable store the ledger makes the polls; a provider that answers a poll with 429 and
 * {@code Retry-After} moves that job's next poll back by that much, and the job stays open (the
 * pushback is not a failure), as with the in-process watcher.
 */
class RetryAfterDuringLedgerPollsTest {

  @TempDir Path directory;
  private WireMockServer provider;

  @BeforeEach
  void startProvider() {
    provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    provider.start();
  }

  @AfterEach
  void stopProvider() {
    provider.stop();
  }

  @Test
  void aPollAnsweredWith429AndRetryAfterIsNextDueAfterRetryAfter() throws Exception {
    provider.stubFor(
        post(urlPathEqualTo("/generate"))
            .willReturn(okJson("{\"jobId\":\"c-1\",\"status\":\"pending\"}")));
    provider.stubFor(
        get(urlPathEqualTo("/get"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

    try (JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient client =
            LedgerClients.client(URI.create(provider.baseUrl()), ledger, "only")) {
      Instant created = Instant.now();
      client.creative().generate(LedgerClients.generate(null, 1));

      JobRecord afterPushback = awaitRecordPolledOnce(ledger, Duration.ofSeconds(20));

      assertThat(afterPushback.state()).isEqualTo(LedgerState.ACTIVE);
      assertThat(afterPushback.nextPollAt())
          .hasValueSatisfying(next -> assertThat(next).isAfter(created.plusSeconds(110)));
    }
  }

  /** The job's record once the ledger stored the outcome of its first GET. */
  private JobRecord awaitRecordPolledOnce(JdbcJobStore ledger, Duration limit)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      boolean polled = !provider.findAll(getRequestedFor(urlPathEqualTo("/get"))).isEmpty();
      Optional<JobRecord> record =
          ledger.list(JobFilter.builder().build()).stream()
              .filter(r -> r.providerJobId().equals(Optional.of("c-1")))
              .findFirst();
      // The outcome is stored with the poll's own history entry.
      if (polled
          && record.isPresent()
          && record.get().attempts().stream().anyMatch(a -> a.event().equals("polled"))) {
        return record.get();
      }
      Thread.sleep(20); // re-reads the ledger; the assertion, not this loop, decides
    }
    throw new AssertionError("the ledger did not store the first poll's outcome in " + limit);
  }
}
