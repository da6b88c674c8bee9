package dev.genjobs.spectools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a specs folder in a temp dir from the fixture files under {@code fixtures/}. */
final class SpecsFixture {

  private final Path root;

  SpecsFixture(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Copies {@code fixtures/<fixture>} to {@code <root>/<provider>/<version>/<fileName>}. */
  SpecsFixture spec(String provider, String version, String fixture, String fileName) {
    Path target = root.resolve(provider).resolve(version).resolve(fileName);
    try (InputStream in = SpecsFixture.class.getResourceAsStream("/fixtures/" + fixture)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + fixture);
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  SpecsFixture spec(String provider, String version, String fixture) {
    return spec(
        provider, version, fixture, fixture.endsWith(".json") ? "openapi.json" : "openapi.yaml");
  }

  SpecsFixture folder(String relative) {
    try {
      Files.createDirectories(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
