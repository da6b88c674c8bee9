package dev.genjobs.client.spi;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.errors.ErrorBodyReader;
import dev.genjobs.client.jobs.JobBackend;
import java.util.List;
import java.util.Set;

/**
 * One provider, as the shared code sees it: what a provider package implements and registers in
 * {@code META-INF/services/dev.genjobs.client.spi.ProviderModule} (one line) to be part of every
 * {@code GenJobsClient}, the CLI and the Spring Boot starter. Nothing else in the library names a
 * provider.
 *
 * <p>The client it {@linkplain #client builds} answers the per-job questions: its status values
 * ({@code StatusMapping}), where a failure reason lives, how a webhook body names its job and how a
 * delivery is verified ({@link JobBackend#webhookJobId}, {@link JobBackend#webhookVerifier}),
 * cancel, and, when it implements {@code ListsRecentJobs}, how lost creates are reconciled.
 */
public interface ProviderModule {

  /** Its id (the {@code specs/} folder), display name and production base URL. */
  Provider provider();

  /**
   * The environment variables holding its secrets, e.g. {@code REPLICATE_API_TOKEN}: read by {@code
   * ClientOptions.fromEnv()}, kept as {@code Secret}s, blanked out of logs and error bodies. A
   * missing one fails the first call that needs it, naming the variable.
   */
  List<String> keyVariables();

  /**
   * Secrets it uses when they are set and does without otherwise, e.g. {@code
   * REPLICATE_WEBHOOK_SECRET} (checked only where a delivery arrives); read like {@link
   * #keyVariables()}.
   */
  default List<String> optionalKeyVariables() {
    return List.of();
  }

  /** The environment variable that overrides its base URL, e.g. {@code REPLICATE_BASE_URL}. */
  String baseUrlVariable();

  /** Request headers that carry its credentials; logged as {@code ****}. */
  Set<String> secretHeaders();

  /** How its error bodies read; {@link ErrorBodyReader#COMMON} unless its errors differ. */
  default ErrorBodyReader errorBodies() {
    return ErrorBodyReader.COMMON;
  }

  /**
   * Builds its client on the shared context (HTTP, retries, the job watcher and ledger, the
   * settings). Called once per {@code GenJobsClient}; the client registers itself with {@link
   * ClientContext#register}.
   */
  JobBackend client(ClientContext context);
}
