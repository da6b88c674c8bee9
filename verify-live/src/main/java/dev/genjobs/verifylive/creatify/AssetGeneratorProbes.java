package dev.genjobs.verifylive.creatify;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.Probe;
import dev.genjobs.verifylive.Probe.Call;
import dev.genjobs.verifylive.ProviderProbes;
import java.util.List;
import java.util.Map;

/** Creatify Asset Generator: the models with their input schemas, the task, the task list. */
public final class AssetGeneratorProbes implements ProviderProbes {

  @Override
  public Provider provider() {
    return Provider.CREATIFY_ASSET_GENERATOR;
  }

  @Override
  public Map<String, String> authHeaders(ClientOptions options) {
    return CreatifyHeaders.of(options);
  }

  @Override
  public List<Probe> probes() {
    return List.of(
        Probe.of("asset_generator_schemas_list", "/api/asset_generator/schemas/"),
        Probe.forJob(
            "asset_generator_retrieve",
            id -> Call.of("/api/asset_generator/" + Probe.segment(id) + "/")),
        Probe.forJob(
            "asset_generator_list", id -> new Call("/api/asset_generator/", Map.of("ids", id))));
  }
}
