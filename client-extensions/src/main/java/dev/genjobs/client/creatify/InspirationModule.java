package dev.genjobs.client.creatify;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.jobs.JobBackend;

/**
 * Creatify Inspiration Jobs as a provider module: Creatify's two keys, shared with the other
 * Creatify API.
 */
public final class InspirationModule extends CreatifyModule {

  @Override
  public Provider provider() {
    return Provider.CREATIFY_INSPIRATION;
  }

  @Override
  public JobBackend client(ClientContext context) {
    return new InspirationClient(context);
  }
}
