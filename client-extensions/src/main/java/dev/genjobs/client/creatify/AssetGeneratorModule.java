package dev.genjobs.client.creatify;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.spi.ProviderModule;
import java.util.List;
import java.util.Set;

/**
 * Creatify Asset Generator as a provider module: Creatify's two keys, shared with the other
 * Creatify API.
 */
public final class AssetGeneratorModule implements ProviderModule {

  @Override
  public Provider provider() {
    return Provider.CREATIFY_ASSET_GENERATOR;
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
    return new AssetGeneratorClient(context);
  }
}
