package dev.genjobs.verifylive.unstructured;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.Probe;
import dev.genjobs.verifylive.Probe.Call;
import dev.genjobs.verifylive.ProviderProbes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Unstructured: the job list, then one job with its details and failed files. Without a job id the
 * newest job of the list is asked about. The download is not asked: it needs an output file id.
 */
public final class UnstructuredProbes implements ProviderProbes {

  @Override
  public Provider provider() {
    return Provider.UNSTRUCTURED;
  }

  @Override
  public Map<String, String> authHeaders(ClientOptions options) {
    return Map.of("unstructured-api-key", options.unstructuredApiKey().reveal());
  }

  @Override
  public List<Probe> probes() {
    return List.of(
        Probe.of("list_jobs", "/api/v1/jobs/"),
        aboutTheJob("get_job", id -> "/api/v1/jobs/" + id),
        aboutTheJob("get_job_details", id -> "/api/v1/jobs/" + id + "/details"),
        aboutTheJob("get_job_failed_files", id -> "/api/v1/jobs/" + id + "/failed-files"));
  }

  @Override
  public Map<String, String> notAsked() {
    return Map.of(
        "download_job_output",
        "needs the id of an output file of a finished job; its answer is the file itself");
  }

  private static Probe aboutTheJob(String name, Function<String, String> path) {
    return new Probe(
        name,
        context ->
            context
                .jobId()
                .or(() -> context.answer("list_jobs").flatMap(UnstructuredProbes::newest))
                .map(id -> Call.of(path.apply(Probe.segment(id)))));
  }

  /** The id of the most recently created job of a list answer. */
  private static Optional<String> newest(JsonNode jobs) {
    return StreamSupport.stream(jobs.spliterator(), false)
        .filter(j -> j.path("id").isTextual())
        .max(Comparator.comparing(j -> j.path("created_at").asText("")))
        .map(j -> j.path("id").asText());
  }
}
