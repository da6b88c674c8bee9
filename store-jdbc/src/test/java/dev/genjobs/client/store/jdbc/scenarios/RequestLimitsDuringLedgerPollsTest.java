package dev.genjobs.client.store.jdbc.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.RequestLimits;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.jobs.WatchHooks;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a durable store the ledger makes the polls, and they go through the same per-provider gate
 * as the in-process watcher's: the user's {@link RequestLimits} hold, and the poll hooks (metrics)
 * see every poll. Before, the ledger sent its claimed polls straight to the provider, all at once.
 */
class RequestLimitsDuringLedgerPollsTest {

  private static final int JOBS = 4;
  private static final int GET_MILLIS = 300;

  @TempDir Path directory;
  private WireMockServer provider;

  /** Counted down once per poll the provider has answered: the test waits on it, not on time. */
  private final CountDownLatch pollsAnswered = new CountDownLatch(2 * JOBS);

  @BeforeEach
  void startProvider() {
    ServeEventListener countPolls =
        new ServeEventListener() {
          @Override
          public String getName() {
            return "count-polls";
          }

          @Override
          public void afterComplete(ServeEvent event, Parameters parameters) {
            if (event.getRequest().getUrl().startsWith("/get")) pollsAnswered.countDown();
          }
        };
    provider =
        new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(countPolls));
    provider.start();
    for (int n = 1; n <= JOBS; n++) {
      provider.stubFor(
          post(urlPathEqualTo("/generate"))
              .withRequestBody(containing("fox number " + n))
              .willReturn(okJson("{\"jobId\":\"c-" + n + "\",\"status\":\"created\"}")));
      // Each GET takes a while, so two in flight at once would overlap on the provider's clock.
      provider.stubFor(
          get(urlPathEqualTo("/get"))
              .withQueryParam("jobId", WireMock.equalTo("c-" + n))
              .willReturn(
                  okJson("{\"jobId\":\"c-" + n + "\",\"status\":\"pending\"}")
                      .withFixedDelay(GET_MILLIS)));
    }
  }

  @AfterEach
  void stopProvider() {
    provider.stop();
  }

  @Test
  void ledgerPollsKeepTheProvidersConcurrencyLimitAndReachThePollHooks() throws Exception {
    List<PollTicket> reported = new CopyOnWriteArrayList<>();
    WatchHooks recording =
        new WatchHooks() {
          @Override
          public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {
            reported.add(ticket);
          }
        };

    try (JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient client =
            GenJobsClient.create(
                LedgerClients.options(URI.create(provider.baseUrl()), ledger, "only")
                    .requestLimits(Provider.CREATIVE_API, new RequestLimits(0, 1))
                    .watchHooks(recording)
                    .build())) {
      for (int n = 1; n <= JOBS; n++) {
        client.creative().generate(LedgerClients.generate(null, n));
      }

      List<ServeEvent> gets = awaitGets(2 * JOBS, Duration.ofSeconds(30));

      // One GET at a time: each arrives after the previous one was answered.
      for (int i = 1; i < gets.size(); i++) {
        long gap =
            gets.get(i).getRequest().getLoggedDate().getTime()
                - gets.get(i - 1).getRequest().getLoggedDate().getTime();
        assertThat(gap)
            .as("GET %d arrived %d ms after GET %d", i + 1, gap, i)
            .isGreaterThanOrEqualTo(GET_MILLIS - 10);
      }
      assertThat(reported)
          .anySatisfy(
              ticket -> {
                assertThat(ticket.provider()).isEqualTo(Provider.CREATIVE_API);
                assertThat(ticket.jobId()).startsWith("c-");
                assertThat(ticket.reason()).isEqualTo(PollTicket.Reason.SCHEDULED);
                assertThat(ticket.sentAt()).isNotNull();
              });
    }
  }

  /** The first {@code count} polls the provider answered, in arrival order. */
  private List<ServeEvent> awaitGets(int count, Duration limit) throws InterruptedException {
    assertThat(pollsAnswered.await(limit.toMillis(), TimeUnit.MILLISECONDS))
        .as("the provider answered %d polls within %s", count, limit)
        .isTrue();
    return provider.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith("/get"))
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .limit(count)
        .toList();
  }
}
