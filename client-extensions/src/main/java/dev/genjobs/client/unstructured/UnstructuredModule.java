package dev.genjobs.client.unstructured;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.errors.ErrorBodyReader;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.spi.ProviderModule;
import java.util.List;
import java.util.Set;

/**
 * The Unstructured Platform as a provider module: one key in {@code unstructured-api-key}; its
 * errors are FastAPI's (validation errors as a {@code detail} list).
 */
public final class UnstructuredModule implements ProviderModule {

  /** The environment variable of its API key. */
  public static final String API_KEY = "UNSTRUCTURED_API_KEY";

  @Override
  public Provider provider() {
    return Provider.UNSTRUCTURED;
  }

  @Override
  public List<String> keyVariables() {
    return List.of(API_KEY);
  }

  @Override
  public String baseUrlVariable() {
    return "UNSTRUCTURED_BASE_URL";
  }

  @Override
  public Set<String> secretHeaders() {
    return Set.of("unstructured-api-key");
  }

  @Override
  public ErrorBodyReader errorBodies() {
    return ErrorBodyReader.FAST_API;
  }

  @Override
  public JobBackend client(ClientContext context) {
    return new UnstructuredClient(context);
  }
}
