package dev.genjobs.client.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK-server webhook endpoint, end to end over loopback HTTP. */
class WebhookReceiverTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private Stand stand;
  private GenJobsClient client;
  private WebhookReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    stand = JobStands.stand(b -> b.pollPolicy(JobStands.webhookOnlyPolls()));
    client = stand.client();
    receiver =
        WebhookReceiver.start(
            client.webhooks(), new InetSocketAddress("127.0.0.1", 0), "/hooks/genjobs");
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    stand.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(receiver.url())
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body))
            .build(),
        BodyHandlers.ofString());
  }

  @Test
  void givenReceiverOnLoopback_whenProviderPostsTheWebhook_thenTheWaitCompletesAfterOneGet()
      throws Exception {
    stand.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/generate"))
            .willReturn(json(q("{'jobId':'rc-1','status':'created'}"))));
    stand.stubFor(
        get(urlPathEqualTo("/get"))
            .withQueryParam("jobId", equalTo("rc-1"))
            .willReturn(json(q("{'jobId':'rc-1','status':'completed'}"))));
    CompletableFuture<JobSnapshot> future =
        client
            .creative()
            .generate(
                GenerateRequest.builder()
                    .model("flux-pro")
                    .input("prompt", "a fox")
                    .webhook(receiver.url())
                    .build())
            .awaitAsync(Duration.ofSeconds(30));

    HttpResponse<String> first = post(q("{'jobId':'rc-1','status':'completed'}"));
    HttpResponse<String> repeat = post(q("{'jobId':'rc-1','status':'completed'}"));

    assertThat(receiver.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue(WebhookReceiver.OUTCOME_HEADER)).contains("COMPLETED");
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(repeat.headers().firstValue(WebhookReceiver.OUTCOME_HEADER)).contains("DUPLICATE");
    assertThat(future.get(20, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/get")));
    assertThat(JobStands.requestCount(stand)).isEqualTo(2);
  }

  @Test
  void givenReceiver_whenBodyIsNotJsonOrMethodIsNotPost_thenRejectedWithoutProviderCalls()
      throws Exception {
    HttpResponse<String> notJson = post("<xml/>");
    HttpResponse<String> notPost =
        http.send(HttpRequest.newBuilder(receiver.url()).GET().build(), BodyHandlers.ofString());

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.headers().firstValue(WebhookReceiver.OUTCOME_HEADER)).contains("INVALID");
    assertThat(notPost.statusCode()).isEqualTo(405);
    assertThat(JobStands.requestCount(stand)).isZero();
  }
}
