package dev.genjobs.client.creatify;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.jobs.JobBackend;

/**
 * Creatify Asset Generator as a provider module: Creatify's two keys, shared with the other
 * Creatify API.
 */
public final class AssetGeneratorModule extends CreatifyModule {

  @Override
  public Provider provider() {
    return Provider.CREATIFY_ASSET_GENERATOR;
  }

  @Override
  public JobBackend client(ClientContext context) {
    return new AssetGeneratorClient(context);
  }
}
