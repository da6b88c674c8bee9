package dev.genjobs.benchmarks.watch;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.webhooks.WebhookReceiver;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

/**
 * Child JVM: how long one webhook delivery to a {@link WebhookReceiver} takes, sent one after
 * another the way the stand-ins send them (JDK client, JSON body). The payload names a job nobody
 * watches, so the receiver answers 404 without calling the provider: only the receiver is timed.
 * Run once as shipped and once with {@code -Dsun.net.httpserver.nodelay=true} to show what the JDK
 * server's Nagle delay costs each delivery.
 *
 * <p>Arguments: {@code deliveries}.
 */
public final class WebhookProbe {

  public static void main(String[] args) throws Exception {
    int deliveries = Integer.parseInt(args[0]);
    LongSamples nanos = new LongSamples(deliveries);
    try (GenJobsClient client = GenJobsClient.create(ClientOptions.builder().build());
        WebhookReceiver receiver =
            WebhookReceiver.start(
                client.webhooks(), new InetSocketAddress("127.0.0.1", 0), "/hooks")) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest delivery =
          HttpRequest.newBuilder(receiver.url())
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"jobId\":\"not-watched\",\"status\":\"completed\"}"))
              .build();
      for (int i = 0; i < deliveries + 20; i++) {
        long start = System.nanoTime();
        HttpResponse<Void> r = http.send(delivery, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 404) throw new IllegalStateException("status " + r.statusCode());
        if (i >= 20) nanos.add(System.nanoTime() - start); // the first 20 warm up
      }
    }
    Properties out = new Properties();
    out.setProperty("p50Nanos", String.valueOf(nanos.percentile(50)));
    out.setProperty("p99Nanos", String.valueOf(nanos.percentile(99)));
    Fork.write(out);
  }
}
