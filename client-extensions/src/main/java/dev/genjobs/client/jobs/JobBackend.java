package dev.genjobs.client.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.Provider;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How one provider reads (and maybe cancels) a job. Each provider package implements it over its
 * generated client; everything else about jobs is shared.
 */
public interface JobBackend {

  Provider provider();

  /** One GET of the job's current state, retried under the client's retry policy. */
  JobSnapshot fetch(String jobId);

  /**
   * One GET of the job's current state without blocking and without retries: the future fails with
   * the same typed exceptions as {@link #fetch(String)}, and the caller (the {@link JobWatcher})
   * decides when to ask again. The library's providers send it on the client's poll threads; this
   * default, for backends that only have a blocking GET, runs {@link #fetch(String)} on the calling
   * thread (a watcher thread), never on the common pool or a thread of its own: implement this
   * method when the GET can take long.
   */
  default CompletableFuture<JobSnapshot> fetchAsync(String jobId) {
    try {
      return CompletableFuture.completedFuture(fetch(jobId));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The job id a webhook delivery names, when {@code payload} has this provider's shape; empty when
   * it does not. The shared {@code WebhookHandler} asks each provider in turn and reads no
   * provider's fields itself. Only the id is taken: the job's state is always confirmed with a GET.
   */
  default Optional<String> webhookJobId(JsonNode payload) {
    return Optional.empty();
  }

  /**
   * How this provider's webhook deliveries are authenticated before their body is used; {@link
   * dev.genjobs.client.webhooks.WebhookVerifier#NONE} for providers that do not sign them (the
   * confirming GET is then the only check).
   */
  default dev.genjobs.client.webhooks.WebhookVerifier webhookVerifier() {
    return dev.genjobs.client.webhooks.WebhookVerifier.NONE;
  }

  /** Asks the provider to stop the job; providers without a cancel operation refuse. */
  default JobSnapshot cancel(String jobId) {
    throw new UnsupportedOperationException(
        provider().displayName() + " has no cancel operation; stop waiting instead");
  }
}
