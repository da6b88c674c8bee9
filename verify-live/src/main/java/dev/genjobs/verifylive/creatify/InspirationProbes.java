package dev.genjobs.verifylive.creatify;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.Probe;
import dev.genjobs.verifylive.Probe.Call;
import dev.genjobs.verifylive.ProviderProbes;
import java.util.List;
import java.util.Map;

/** Creatify Inspiration: the templates, one template (the first listed) and the job. */
public final class InspirationProbes implements ProviderProbes {

  @Override
  public Provider provider() {
    return Provider.CREATIFY_INSPIRATION;
  }

  @Override
  public Map<String, String> authHeaders(ClientOptions options) {
    return CreatifyHeaders.of(options);
  }

  @Override
  public List<Probe> probes() {
    return List.of(
        Probe.of("inspirations_list", "/api/inspirations/"),
        new Probe(
            "inspirations_retrieve",
            context ->
                context
                    .answer("inspirations_list")
                    .map(list -> list.path(0).path("id").asText(""))
                    .filter(id -> !id.isBlank())
                    .map(id -> Call.of("/api/inspirations/" + Probe.segment(id) + "/"))),
        Probe.forJob(
            "inspiration_jobs_retrieve",
            id -> Call.of("/api/inspiration_jobs/" + Probe.segment(id) + "/")));
  }
}
