package dev.genjobs.spectools;

import java.nio.file.Path;
import java.util.List;

/**
 * One provider spec version on disk: {@code specs/<provider>/<version>/openapi.(yaml|yml|json)}, or
 * the several {@code <name>.openapi.*} documents a provider publishes for one version.
 *
 * @param provider the provider folder name
 * @param version the version folder name, parsed
 * @param path the spec file (the first document when there are several)
 * @param relativePath the path relative to the specs root, used in messages
 * @param documents every document of the version, in file-name order (merge order)
 */
public record SpecFile(
    String provider,
    SemanticVersion version,
    Path path,
    String relativePath,
    List<Path> documents) {

  public SpecFile {
    documents = List.copyOf(documents);
  }

  /** A version held in one document. */
  public SpecFile(String provider, SemanticVersion version, Path path, String relativePath) {
    this(provider, version, path, relativePath, List.of(path));
  }

  public boolean isJson() {
    return path.getFileName().toString().endsWith(".json");
  }

  public String fileName() {
    return path.getFileName().toString();
  }

  /** The version folder. */
  public Path folder() {
    return path.getParent();
  }
}
