package dev.genjobs.examples.service;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.replicate.PredictionRequest;
import dev.genjobs.client.replicate.ReplicateClient;
import dev.genjobs.client.replicate.ReplicateModule;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Starts jobs and follows them to their results (webhook where the provider sends one). */
@RestController
public class JobsController {

  /** What this service started: provider, id, and the result once known. */
  public record JobView(String provider, String jobId, String status, String detail) {}

  private final GenJobsClient client;
  private final Environment environment;
  private final Map<String, JobView> jobs = new ConcurrentHashMap<>();

  public JobsController(GenJobsClient client, Environment environment) {
    this.client = client;
    this.environment = environment;
  }

  /** One job per provider. */
  @PostMapping("/jobs")
  public List<JobView> startOnePerProvider() throws IOException {
    List<JobView> started = new ArrayList<>();
    for (Provider p : client.providers()) started.add(start(p));
    return started;
  }

  @PostMapping("/jobs/{provider}")
  public JobView start(@PathVariable("provider") String provider) throws IOException {
    Provider p =
        client.providers().stream()
            .filter(v -> v.id().equals(provider))
            .findFirst()
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no provider " + provider));
    return start(p);
  }

  @GetMapping("/jobs")
  public List<JobView> list() {
    return new ArrayList<>(jobs.values());
  }

  private JobView start(Provider provider) throws IOException {
    Job job = create(provider);
    String key = provider.specFolder() + "/" + job.id();
    jobs.put(key, new JobView(provider.specFolder(), job.id(), "RUNNING", null));
    job.awaitAsync(Duration.ofMinutes(10))
        .whenComplete(
            (done, failure) ->
                jobs.put(
                    key,
                    new JobView(
                        provider.specFolder(),
                        job.id(),
                        done != null ? done.status().name() : "ERROR",
                        done != null ? describe(done) : String.valueOf(failure))));
    return jobs.get(key);
  }

  private Job create(Provider provider) throws IOException {
    if (provider.equals(Provider.CREATIVE_API)) {
      return client
              .creative()
              .generate(
                  GenerateRequest.builder()
                      .model("flux-pro")
                      .input("prompt", "a red fox in snow")
                      .webhook(webhookUrl(provider))
                      .build());
    }
    if (provider.equals(Provider.CREATIFY_ASSET_GENERATOR)) {
      return client
              .assetGenerator()
              .create(
                  AssetGenerationRequest.builder()
                      .modelName("kling-video/v1.6/pro/image-to-video")
                      .inputParam("image_url", "https://example.com/cat.png")
                      .inputParam("prompt", "the cat waves")
                      .build());
    }
    if (provider.equals(Provider.CREATIFY_INSPIRATION)) {
      return client
              .inspiration()
              .create(
                  InspirationJobRequest.builder()
                      .inspirationId(client.inspiration().templates().get(0).id())
                      .inputParam("product_url", "https://shop.example/blue-mug")
                      .build());
    }
    if (provider.equals(Provider.UNSTRUCTURED)) {
      Path document = Files.createTempFile("report", ".pdf");
      Files.writeString(document, "%PDF-1.7 example document", StandardCharsets.US_ASCII);
      try {
        return client
            .unstructured()
            .createJob(
                CreateJobRequest.builder()
                    .templateId("hi_res_partition")
                    .file(UploadFile.of(document))
                    .build());
      } finally {
        Files.deleteIfExists(document);
      }
    }
    if (provider.equals(ReplicateModule.PROVIDER)) {
      // Replicate signs its webhook deliveries: the starter's endpoint checks them with
      // genjobs.providers.replicate.keys.replicate-webhook-secret before anything else.
      return client
          .provider(ReplicateClient.class)
          .create(
              PredictionRequest.builder()
                  .model("black-forest-labs/flux-schnell")
                  .input("prompt", "a red fox in snow")
                  .webhook(webhookUrl(provider))
                  .build());
    }
    throw new ResponseStatusException(
        HttpStatus.NOT_IMPLEMENTED, "this example starts no " + provider.displayName() + " job");
  }

  /** This service's own endpoint, mounted by the starter: POST /genjobs/webhooks/{provider}. */
  private URI webhookUrl(Provider provider) {
    return URI.create(
        "http://127.0.0.1:"
            + environment.getProperty("local.server.port")
            + environment.getProperty("genjobs.webhooks.path", "/genjobs/webhooks")
            + "/"
            + provider.specFolder());
  }

  private static String describe(JobSnapshot s) {
    Map<String, Object> d = new LinkedHashMap<>();
    s.failureReason().ifPresent(r -> d.put("reason", r));
    if (!s.outputUrls().isEmpty()) d.put("outputs", s.outputUrls());
    return d.toString();
  }
}
