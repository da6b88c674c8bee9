package dev.genjobs.spectools.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A specs folder in a temp dir built from the fixture files under {@code diff/}, and the diff run
 * over it with its printed output kept.
 */
final class SpecVersionsFixture {

  static final String PROVIDER = "jobs";

  private final Path specsRoot;
  private final Path reportDir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  SpecVersionsFixture(Path dir) {
    this.specsRoot = dir.resolve("specs");
    this.reportDir = dir.resolve("target/spec-diff");
  }

  /** The base spec as 1.0.0 and {@code fixture} as 1.1.0 of provider {@value #PROVIDER}. */
  static SpecVersionsFixture baseThen(Path dir, String fixture) {
    return new SpecVersionsFixture(dir).version("1.0.0", "base.yaml").version("1.1.0", fixture);
  }

  /** Copies {@code diff/<fixture>} to {@code <specs>/jobs/<version>/openapi.yaml}. */
  SpecVersionsFixture version(String version, String fixture) {
    copy(fixture, specsRoot.resolve(PROVIDER).resolve(version).resolve("openapi.yaml"));
    return this;
  }

  /** Copies {@code diff/<fixture>} to the version folder as its acceptance file. */
  SpecVersionsFixture acceptance(String version, String fixture) {
    copy(
        fixture,
        specsRoot.resolve(PROVIDER).resolve(version).resolve(AcceptedBreakingChanges.FILE_NAME));
    return this;
  }

  List<SpecDiff.ProviderOutcome> run() throws IOException {
    return SpecDiff.run(
        specsRoot, reportDir, new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  /** The only provider's changes; the run must pass. */
  List<SpecChange> changes() throws IOException {
    return run().get(0).comparison().orElseThrow().changes();
  }

  /** Writes {@code <specs>/jobs/genjobs.overlay.yaml} with these actions. */
  SpecVersionsFixture overlay(String actions) {
    try {
      Path file =
          specsRoot.resolve(PROVIDER).resolve(dev.genjobs.spectools.EffectiveSpec.OVERLAY_FILE);
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, "overlay: 1.0.0\ninfo: {title: t, version: 1.0.0}\nactions:\n" + actions);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * As the build runs it: the overlay locked and applied (effective specs), then the diff over the
   * effective specs with the published ones beside them.
   */
  List<SpecDiff.ProviderOutcome> runAsTheBuild() throws IOException {
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    dev.genjobs.spectools.SpecPipeline.lock(specsRoot, List.of(), out);
    Path effective = reportDir.resolveSibling("effective");
    dev.genjobs.spectools.SpecPipeline.effectiveSpecs(specsRoot, effective, out);
    return SpecDiff.run(effective, specsRoot, reportDir, out);
  }

  String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  Path reportDir() {
    return reportDir.resolve(PROVIDER);
  }

  private static void copy(String fixture, Path target) {
    try (InputStream in = SpecVersionsFixture.class.getResourceAsStream("/diff/" + fixture)) {
      if (in == null) throw new IllegalArgumentException("no fixture diff/" + fixture);
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
