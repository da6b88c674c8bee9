package dev.genjobs.benchmarks.watch;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** How fast jobs can be created against a stand-in on this machine right now. */
final class CreateRate {

  private CreateRate() {}

  /** Creates per second with {@code threads} threads, measured after one warm-up batch. */
  static double measure(int threads, int jobs) throws Exception {
    GenerateRequest request =
        GenerateRequest.builder().model("flux-pro").input("prompt", "calibration").build();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "bench-calibrate");
              t.setDaemon(true);
              return t;
            });
    try (ProviderStandIns standIns = ProviderStandIns.start(StandInOptions.defaults());
        GenJobsClient client =
            GenJobsClient.create(
                ClientOptions.builder()
                    .creativeApiKey("bench-key")
                    .baseUrlForAll(standIns.baseUrl())
                    .build())) {
      double rate = 0;
      for (int round = 0; round < 2; round++) {
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < jobs / threads; i++) client.creative().generate(request);
                  }));
        }
        for (Future<?> f : done) f.get();
        rate = (jobs / threads * threads) / ((System.nanoTime() - start) / 1e9);
      }
      return rate;
    } finally {
      pool.shutdownNow();
    }
  }
}
