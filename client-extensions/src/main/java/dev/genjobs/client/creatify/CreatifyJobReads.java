package dev.genjobs.client.creatify;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.core.Decoded;
import dev.genjobs.client.core.JobReads;
import dev.genjobs.client.core.RawHttp;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.validation.InputCheck;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.hc.core5.http.ClassicHttpRequest;

/**
 * How both Creatify job kinds are read: one GET of {@code /api/<kind>/<uuid>/} with the Creatify
 * headers, through {@link JobReads} (retried, or once for the watcher's poll). Only the body type
 * and its mapping to a snapshot differ between the kinds.
 *
 * @param <T> the generated model of the job body
 */
final class CreatifyJobReads<T> {

  private final ClientContext context;
  private final CreatifyAuth auth;
  private final JobReads<T> reads;
  private final RawHttp raw;
  private final Provider provider;
  private final Operation operation;
  private final String pathSegment;
  private final Function<T, ?> id;
  private final Function<T, JobSnapshot> toSnapshot;

  /**
   * @param operation the spec's operationId of the GET, named in input errors and call metrics
   * @param pathSegment the kind's path, e.g. {@code asset_generator}
   */
  CreatifyJobReads(
      ClientContext context,
      CreatifyAuth auth,
      RawHttp raw,
      Provider provider,
      String operation,
      String pathSegment,
      Class<T> type,
      Function<T, ?> status,
      Function<T, ?> id,
      Function<T, JobSnapshot> toSnapshot) {
    this.context = context;
    this.auth = auth;
    this.raw = raw;
    this.provider = provider;
    this.operation = Operation.read(provider, operation);
    this.reads = new JobReads<>(context, raw, this.operation, type, status);
    this.pathSegment = pathSegment;
    this.id = id;
    this.toSnapshot = toSnapshot;
  }

  /** The job id as a UUID, or an input error naming the operation, before any call. */
  UUID jobUuid(String jobId) {
    InputCheck.of(provider, operation.name()).requireUuid("/id", jobId).orThrow();
    return UUID.fromString(jobId);
  }

  JobSnapshot fetch(String jobId) {
    UUID uuid = jobUuid(jobId);
    return snapshot(uuid.toString(), reads.read("id=" + uuid, request(uuid)));
  }

  CompletableFuture<JobSnapshot> fetchAsync(String jobId) {
    return reads
        .readOnce(() -> request(jobUuid(jobId)))
        .thenApply(answer -> snapshot(jobId, answer));
  }

  private ClassicHttpRequest request(UUID uuid) {
    String base = context.options().baseUrl(provider).toString();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return auth.apply(
            raw.get(
                URI.create(base + "/api/" + pathSegment + "/" + uuid + "/"),
                ClientContext.userAgent(provider)))
        .addHeader("Accept", "application/json")
        .build();
  }

  private JobSnapshot snapshot(String requestedId, Decoded<T> answer) {
    JobSnapshot snapshot = toSnapshot.apply(answer.value());
    return answer.attachTo(
        snapshot, id.apply(answer.value()) == null ? requestedId : snapshot.id());
  }
}
