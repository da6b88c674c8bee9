package dev.genjobs.client.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.testing.Stand;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

/**
 * An application's own HTTP client ({@code ClientOptions.httpClient}): every call goes through it
 * (its interceptors run), with the library's headers and error handling, and closing the library's
 * client leaves it open for the application.
 */
class SuppliedHttpClientTest {

  private static final String JOB = "{\"jobId\":\"j-1\",\"status\":\"processing\"}";

  @Test
  void givenAnApplicationsClient_whenCalling_thenItCarriesTheCallsAndStaysOpenAfterClose()
      throws Exception {
    AtomicInteger seen = new AtomicInteger();
    try (CloseableHttpClient own =
        HttpClients.custom()
            .disableAutomaticRetries()
            .addRequestInterceptorFirst(
                (request, entity, context) -> {
                  seen.incrementAndGet();
                  request.addHeader("X-Proxy-Tag", "app");
                })
            .build()) {
      JobSnapshot snapshot;
      try (Stand stand = Stand.start(o -> o.httpClient(own))) {
        stand.stubFor(get(urlPathEqualTo("/get")).willReturn(okJson(JOB)));

        snapshot = stand.client().creative().job("j-1").refresh();

        assertThat(snapshot.rawStatus()).isEqualTo("processing");
        assertThat(seen).hasValue(1);
        stand.verify(
            exactly(1),
            getRequestedFor(urlPathEqualTo("/get"))
                .withHeader("X-Proxy-Tag", equalTo("app"))
                .withHeader("x-api-key", equalTo(Stand.CREATIVE_API_KEY))
                .withHeader(
                    "User-Agent",
                    com.github.tomakehurst.wiremock.client.WireMock.matching("genjobs-java/.*")));

        stand.client().close();
        // Still the application's: it sends after the library's client is closed.
        int status =
            own.execute(
                new HttpGet(stand.server().baseUrl() + "/get?jobId=j-1"),
                response -> response.getCode());
        assertThat(status).isEqualTo(200);
      }
    }
  }
}
