package dev.genjobs.spectools;

import java.nio.file.Path;

/**
 * One provider spec version on disk: {@code specs/<provider>/<version>/openapi.(yaml|yml|json)}.
 *
 * @param provider the provider folder name
 * @param version the version folder name, parsed
 * @param path the spec file
 * @param relativePath the path relative to the specs root, used in messages
 */
public record SpecFile(String provider, SemanticVersion version, Path path, String relativePath) {

  public boolean isJson() {
    return path.getFileName().toString().endsWith(".json");
  }

  public String fileName() {
    return path.getFileName().toString();
  }
}
