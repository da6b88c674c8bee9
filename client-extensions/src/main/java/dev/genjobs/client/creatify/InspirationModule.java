package dev.genjobs.client.creatify;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.spi.ProviderModule;
import java.util.List;
import java.util.Set;

/**
 * Creatify Inspiration Jobs as a provider module: Creatify's two keys, shared with the other
 * Creatify API.
 */
public final class InspirationModule implements ProviderModule {

  @Override
  public Provider provider() {
    return Provider.CREATIFY_INSPIRATION;
  }

  @Override
  public List<String> keyVariables() {
    return List.of(CreatifyAuth.API_ID, CreatifyAuth.API_KEY);
  }

  @Override
  public String baseUrlVariable() {
    return CreatifyAuth.BASE_URL;
  }

  @Override
  public Set<String> secretHeaders() {
    return CreatifyAuth.HEADERS;
  }

  @Override
  public JobBackend client(ClientContext context) {
    return new InspirationClient(context);
  }
}
