package dev.genjobs.examples;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.replicate.PredictionRequest;
import dev.genjobs.client.replicate.ReplicateClient;
import dev.genjobs.client.replicate.ReplicateModule;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The main job: one generation job per provider, followed live to its result. By default the five
 * providers are loopback stand-ins whose jobs take a few seconds, one of them failing; with {@code
 * --real} it calls the real providers with the keys from the environment.
 */
public final class Demo {

  public static void main(String[] args) throws Exception {
    boolean real = List.of(args).contains("--real");
    ProviderStandIns standIns = null;
    ClientOptions.Builder options = ClientOptions.builder().env(System.getenv());
    if (!real) {
      standIns =
          ProviderStandIns.start(
              StandInOptions.builder()
                  .stepDuration(Duration.ofMillis(1200))
                  .failing(Provider.CREATIFY_INSPIRATION.specFolder())
                  .build());
      options
          .baseUrlForAll(standIns.baseUrl())
          .creatifyCredentials("demo-id", "demo-key")
          .unstructuredApiKey("demo-key")
          .creativeApiKey("demo-key")
          .key(ReplicateModule.API_TOKEN, "demo-key");
      System.out.println("Providers: loopback stand-ins at " + standIns.baseUrl() + " (run with --real for the real APIs)");
    }
    options.pollPolicy(PollPolicy.builder().initialInterval(Duration.ofMillis(400)).maxInterval(Duration.ofSeconds(2)).build());
    // The job ledger in an embedded SQLite file: every create is recorded before it is sent, and stays after
    // the process ends (see it with: genjobs --store target/genjobs-ledger jobs list).
    Path ledgerDir = Path.of("target", "genjobs-ledger");
    int exit;
    try (JobStore ledger = JdbcJobStore.embedded(ledgerDir);
        GenJobsClient client = GenJobsClient.create(options.jobStore(ledger).build())) {
      java.time.Instant started = java.time.Instant.now();
      exit = run(client, System.out);
      listLedger(client, System.out, ledgerDir, started);
    } catch (GenJobsException e) {
      System.err.println("error: " + e.getMessage());
      exit = 2;
    } finally {
      if (standIns != null) standIns.close();
    }
    System.exit(exit);
  }

  /** Starts one job per provider and waits for all; returns 0 when every job reached an end. */
  static int run(GenJobsClient client, PrintStream out) throws Exception {
    Path document = Files.createTempFile("quarterly-report", ".pdf");
    Files.writeString(document, "%PDF-1.7 demo document", StandardCharsets.US_ASCII);
    Map<String, Job> jobs = new LinkedHashMap<>();
    jobs.put(
        "Creative API",
        client.creative().generate(GenerateRequest.builder().model("flux-pro").input("prompt", "a red fox in snow").build()));
    jobs.put(
        "Creatify Asset Generator",
        client
            .assetGenerator()
            .create(
                AssetGenerationRequest.builder()
                    .modelName("kling-video/v1.6/pro/image-to-video")
                    .inputParam("image_url", "https://example.com/cat.png")
                    .inputParam("prompt", "the cat waves")
                    .build()));
    jobs.put(
        "Creatify Inspiration",
        client
            .inspiration()
            .create(
                InspirationJobRequest.builder()
                    .inspirationId(client.inspiration().templates().get(0).id())
                    .inputParam("product_url", "https://shop.example/blue-mug")
                    .build()));
    jobs.put(
        "Unstructured",
        client
            .unstructured()
            .createJob(CreateJobRequest.builder().templateId("hi_res_partition").file(UploadFile.of(document)).build()));
    jobs.put(
        "Replicate",
        client
            .provider(ReplicateClient.class)
            .create(PredictionRequest.builder().model("black-forest-labs/flux-schnell").input("prompt", "a red fox in snow").build()));

    ProgressView view = ProgressView.forTerminal(out, jobs.keySet());
    Map<String, CompletableFuture<JobSnapshot>> waits = new LinkedHashMap<>();
    jobs.forEach((name, job) -> waits.put(name, job.awaitAsync(Duration.ofMinutes(2), p -> view.update(name, p))));
    CompletableFuture.allOf(waits.values().toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    view.finish();

    out.println();
    int exit = 0;
    for (Map.Entry<String, CompletableFuture<JobSnapshot>> e : waits.entrySet()) {
      try {
        JobSnapshot s = e.getValue().join();
        out.printf("%-26s %-9s %s%n", e.getKey(), s.status(), describe(s));
        if (e.getKey().equals("Unstructured") && s.status() == JobStatus.SUCCEEDED && !s.outputFiles().isEmpty()) {
          Path saved = client.unstructured().downloadOutput(jobs.get("Unstructured").id(), s.outputFiles().get(0), Files.createTempFile("elements", ".json"));
          out.printf("%-26s %-9s downloaded %s (%d bytes)%n", "", "", saved, Files.size(saved));
        }
      } catch (Exception failure) {
        out.printf("%-26s %-9s %s%n", e.getKey(), "ERROR", failure.getCause() == null ? failure : failure.getCause().getMessage());
        exit = 1;
      }
    }
    Files.deleteIfExists(document);
    return exit;
  }

  /** What {@code genjobs jobs list} shows for this run's ledger. */
  static void listLedger(GenJobsClient client, PrintStream out, Path ledgerDir, java.time.Instant since) {
    out.println();
    out.println("$ genjobs --store " + ledgerDir + " jobs list");
    out.printf("%-36s  %-26s  %-7s  %-10s %-10s  %s%n", "LEDGER ID", "PROVIDER", "STATE", "STATUS", "RAW", "JOB ID");
    for (JobRecord r : client.jobs().list(JobFilter.builder().createdAfter(since).limit(8).build())) {
      out.printf(
          "%-36s  %-26s  %-7s  %-10s %-10s  %s%n",
          r.ledgerId(),
          r.provider().displayName(),
          r.state(),
          r.status().map(Enum::name).orElse("-"),
          r.rawStatus().orElse("-"),
          r.providerJobId().orElse("-"));
    }
  }

  private static String describe(JobSnapshot s) {
    return switch (s.status()) {
      case SUCCEEDED -> s.outputUrls().isEmpty() ? "output files " + s.outputFiles().stream().map(f -> f.fileId()).toList() : "assets " + s.outputUrls();
      case FAILED, CANCELLED -> "reason: " + s.failureReason().orElse("(none given) raw status " + s.rawStatus());
      default -> s.rawStatus();
    };
  }
}
