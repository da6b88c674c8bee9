package dev.genjobs.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.Provider;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.ConnectionException;
import dev.genjobs.client.testing.Stand;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;

/**
 * A create that finds every pooled connection busy waits for one as long as for a connect and then
 * fails as "not sent": no byte of it left the client, so it is a plain connection failure, never
 * "may have been created". Here the pool has one connection, held by a read the provider has not
 * answered yet.
 */
class PoolWaitTest {

  @Test
  void givenEveryConnectionBusy_whenCreating_thenItFailsAsNotSentAndNothingReachesTheProvider()
      throws Exception {
    CountDownLatch readArrived = new CountDownLatch(1);
    CountDownLatch answerRead = new CountDownLatch(1);
    AtomicInteger creates = new AtomicInteger();
    HttpServer provider =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    provider.createContext(
        "/get",
        exchange -> {
          readArrived.countDown();
          try {
            answerRead.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] job =
              "{\"jobId\":\"j-1\",\"status\":\"processing\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, job.length);
          exchange.getResponseBody().write(job);
          exchange.close();
        });
    provider.createContext(
        "/generate",
        exchange -> {
          creates.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    provider.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    provider.start();
    URI base = URI.create("http://127.0.0.1:" + provider.getAddress().getPort());
    try (CloseableHttpClient oneConnection =
            HttpClients.custom()
                .setConnectionManager(
                    PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(1)
                        .setMaxConnTotal(1)
                        .build())
                .disableAutomaticRetries()
                .build();
        Stand stand =
            Stand.start(
                o ->
                    o.baseUrl(Provider.CREATIVE_API, base)
                        .httpClient(oneConnection)
                        // The read below must outlast the create's wait for a connection.
                        .readTimeout(java.time.Duration.ofSeconds(20))
                        .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()))) {
      CompletableFuture<?> read =
          CompletableFuture.runAsync(() -> stand.client().creative().job("j-1").refresh());
      assertThat(readArrived.await(10, TimeUnit.SECONDS)).isTrue();

      Throwable thrown =
          catchThrowable(
              () ->
                  stand
                      .client()
                      .creative()
                      .generate(GenerateRequest.builder().model("m").input("prompt", "p").build()));

      assertThat(thrown)
          .isExactlyInstanceOf(ConnectionException.class)
          .isNotInstanceOf(AmbiguousOutcomeException.class);
      assertThat(((ConnectionException) thrown).requestWasSent()).isFalse();
      // Both attempts waited for the pool; neither reached the provider.
      assertThat(stand.sleeper().waits()).hasSize(1);
      assertThat(creates).hasValue(0);

      answerRead.countDown();
      read.get(10, TimeUnit.SECONDS);
    } finally {
      answerRead.countDown();
      provider.stop(0);
    }
  }
}
