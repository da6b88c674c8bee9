package dev.genjobs.maven;

import dev.genjobs.spectools.SpecPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The effective specs of a specs folder, computed once per build: the plugin's class realm lives
 * for the whole Maven session, so {@code validate} and {@code diff} in the specs module and {@code
 * effective-spec} in a generator module share one parse of each published document and overlay.
 * Keyed by the fingerprint of the specs folder, so a changed file is never served stale (and a
 * long-lived JVM, such as the Maven daemon, starts over).
 */
final class EffectiveSpecs {

  private static final Map<String, SpecPipeline.Effective> CACHE = new ConcurrentHashMap<>();

  private EffectiveSpecs() {}

  static SpecPipeline.Effective of(Path specsRoot, Path effectiveRoot, PrintStream out)
      throws IOException {
    String key = new Fingerprint().tree(specsRoot).hex();
    SpecPipeline.Effective cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    SpecPipeline.Effective computed = SpecPipeline.effectiveSpecs(specsRoot, effectiveRoot, out);
    CACHE.put(key, computed);
    return computed;
  }
}
