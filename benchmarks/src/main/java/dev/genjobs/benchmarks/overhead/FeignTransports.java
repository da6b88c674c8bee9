package dev.genjobs.benchmarks.overhead;

import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Settings;
import dev.genjobs.generated.creative.api.GenerationApi;
import dev.genjobs.generated.creative.model.GenerateRequest;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import feign.okhttp.OkHttpClient;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Which HTTP module Feign should run on: the same generated interface, create + get round trips
 * against the same loopback server, on the JDK client (feign-java11, the baseline and the library's
 * choice until 2026-12-05), on OkHttp (feign-okhttp) and on the library's own Feign client over
 * Apache HttpClient 5 classic (feign-hc5 13.13 is not served by the registry here, so the library
 * has a small adapter of its own, {@code HttpTransport.feignClient()}).
 */
public final class FeignTransports {

  private FeignTransports() {}

  public static List<Result> run(Settings s) throws Exception {
    // As in ClientOverhead's forked JVM: the JDK server must not wait on delayed ACKs, or both
    // sides measure the server's 40 ms stall. Read when the server classes load: set it first.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Map<String, Supplier<Client>> clients = new LinkedHashMap<>();
    clients.put(
        "java11",
        () ->
            new Http2Client(
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build()));
    clients.put("okhttp", () -> new OkHttpClient(new okhttp3.OkHttpClient()));
    clients.put("library-hc5", FeignTransports::libraryClient);
    List<Result> results = new ArrayList<>();
    try (FixedJsonServer server = FixedJsonServer.start(4)) {
      for (int callers : s.callers()) {
        Map<String, double[]> measured = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Client>> e : clients.entrySet()) {
          GenerationApi api = api(e.getValue().get(), server.baseUrl().toString());
          measure(api, callers, s.overheadWarmupSeconds());
          measured.put(e.getKey(), measure(api, callers, s.overheadSeconds()));
        }
        double[] base = measured.get("java11");
        String group = "transport/" + callers + (callers == 1 ? " caller" : " callers");
        for (String other : List.of("okhttp", "library-hc5")) {
          double[] m = measured.get(other);
          results.add(
              Result.ratio(
                  group,
                  "throughput " + other + "/java11",
                  String.format(
                      Locale.ROOT,
                      "%s %.0f vs feign-java11 %.0f round trips/s",
                      other,
                      m[0],
                      base[0]),
                  m[0] / base[0],
                  null));
          results.add(
              Result.ratio(
                  group,
                  "p99 latency " + other + "/java11",
                  String.format(Locale.ROOT, "%.3f vs %.3f ms", m[1] / 1e6, base[1] / 1e6),
                  m[1] / base[1],
                  null));
        }
      }
    }
    return results;
  }

  /**
   * The library's own Feign client: HC5 classic as {@code HttpTransport} builds and runs it (pooled
   * connections, the whole-answer deadline on a timer thread).
   */
  private static Client libraryClient() {
    java.util.concurrent.ScheduledThreadPoolExecutor timer =
        new java.util.concurrent.ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "genjobs-watcher");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return new dev.genjobs.client.core.HttpTransport(
            dev.genjobs.client.core.HttpTransport.newHttpClient(
                    java.time.Duration.ofSeconds(10),
                    java.time.Duration.ofSeconds(60),
                    java.time.Duration.ofSeconds(30))
                .client(),
            new com.fasterxml.jackson.databind.ObjectMapper(),
            8192,
            java.time.Clock.systemUTC(),
            java.time.Duration.ofSeconds(10),
            java.time.Duration.ofSeconds(60),
            feign.Logger.Level.NONE,
            List.of(),
            List.of(),
            dev.genjobs.client.core.HttpTransport.newSendExecutor(1),
            (task, delay) -> {
              var f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
              return () -> f.cancel(false);
            })
        .feignClient();
  }

  private static GenerationApi api(Client client, String url) {
    return Feign.builder()
        .client(client)
        .encoder(new JacksonEncoder())
        .decoder(new JacksonDecoder())
        .options(new Request.Options(10, TimeUnit.SECONDS, 60, TimeUnit.SECONDS, false))
        .requestInterceptor(t -> t.header("x-api-key", "bench-key"))
        .target(GenerationApi.class, url);
  }

  /** Round trips per second and p99 nanoseconds over {@code seconds} with {@code callers}. */
  private static double[] measure(GenerationApi api, int callers, long seconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<LongSamples> samples = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(callers);
    GenerateRequest request =
        new GenerateRequest().model("flux-pro").input(Map.of("prompt", "a red fox"));
    for (int i = 0; i < callers; i++) {
      LongSamples mine = new LongSamples(1 << 16);
      samples.add(mine);
      Thread t =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    long t0 = System.nanoTime();
                    String id = api.generate(request).getJobId();
                    api.getJob(id);
                    mine.add(System.nanoTime() - t0);
                  }
                } finally {
                  done.countDown();
                }
              });
      t.setDaemon(true);
      t.start();
    }
    long started = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    stop.set(true);
    done.await();
    double elapsed = (System.nanoTime() - started) / 1e9;
    LongSamples all = new LongSamples(1 << 16);
    samples.forEach(all::addAll);
    return new double[] {all.size() / elapsed, all.percentile(99)};
  }
}
