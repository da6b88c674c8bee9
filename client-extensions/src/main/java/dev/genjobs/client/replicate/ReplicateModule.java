package dev.genjobs.client.replicate;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.spi.ProviderModule;
import java.util.List;
import java.util.Set;

/**
 * Replicate as a provider module: an API token sent as {@code Authorization: Bearer <token>}, an
 * optional webhook signing secret, and RFC 9457 problem details as error bodies (read by {@link
 * dev.genjobs.client.errors.ErrorBodyReader#COMMON}, which takes {@code detail}, then {@code
 * title}).
 */
public final class ReplicateModule implements ProviderModule {

  /** Replicate, with the production server of its published spec. */
  public static final Provider PROVIDER =
      Provider.of("replicate", "Replicate", "https://api.replicate.com/v1");

  /** The environment variable of its API token. */
  public static final String API_TOKEN = "REPLICATE_API_TOKEN";

  /**
   * The environment variable of its webhook signing secret ({@code whsec_...}, from {@code GET
   * /webhooks/default/secret}); without it, deliveries to Replicate's webhook path are refused.
   */
  public static final String WEBHOOK_SECRET = "REPLICATE_WEBHOOK_SECRET";

  /** The environment variable that overrides its base URL. */
  public static final String BASE_URL = "REPLICATE_BASE_URL";

  @Override
  public Provider provider() {
    return PROVIDER;
  }

  @Override
  public List<String> keyVariables() {
    return List.of(API_TOKEN);
  }

  @Override
  public List<String> optionalKeyVariables() {
    return List.of(WEBHOOK_SECRET);
  }

  @Override
  public String baseUrlVariable() {
    return BASE_URL;
  }

  @Override
  public Set<String> secretHeaders() {
    // Already redacted for every provider; declared so this module says where its token goes.
    return Set.of("authorization");
  }

  @Override
  public JobBackend client(ClientContext context) {
    return new ReplicateClient(context);
  }
}
