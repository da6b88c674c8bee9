package dev.genjobs.client.creative;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.spi.ProviderModule;
import java.util.List;
import java.util.Set;

/** The Creative API as a provider module: one key in {@code x-api-key}. */
public final class CreativeApiModule implements ProviderModule {

  /** The environment variable of its API key. */
  public static final String API_KEY = "CREATIVE_API_KEY";

  @Override
  public Provider provider() {
    return Provider.CREATIVE_API;
  }

  @Override
  public List<String> keyVariables() {
    return List.of(API_KEY);
  }

  @Override
  public String baseUrlVariable() {
    return "CREATIVE_API_BASE_URL";
  }

  @Override
  public Set<String> secretHeaders() {
    return Set.of("x-api-key");
  }

  @Override
  public JobBackend client(ClientContext context) {
    return new CreativeApiClient(context);
  }
}
