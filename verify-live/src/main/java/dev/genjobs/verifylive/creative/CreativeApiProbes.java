package dev.genjobs.verifylive.creative;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.Probe;
import dev.genjobs.verifylive.Probe.Call;
import dev.genjobs.verifylive.ProviderProbes;
import java.util.List;
import java.util.Map;

/** The Creative API has one read-only operation: the job. */
public final class CreativeApiProbes implements ProviderProbes {

  @Override
  public Provider provider() {
    return Provider.CREATIVE_API;
  }

  @Override
  public Map<String, String> authHeaders(ClientOptions options) {
    return Map.of("x-api-key", options.creativeApiKey().reveal());
  }

  @Override
  public List<Probe> probes() {
    return List.of(Probe.forJob("getJob", id -> new Call("/get", Map.of("jobId", id))));
  }
}
