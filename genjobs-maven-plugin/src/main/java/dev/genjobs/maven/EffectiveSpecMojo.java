package dev.genjobs.maven;

import dev.genjobs.spectools.Overlay;
import dev.genjobs.spectools.SpecDocuments;
import dev.genjobs.spectools.SpecPipeline;
import dev.genjobs.spectools.SpecValidationException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes each provider's effective spec (newest published version merged, overlay applied) to
 * {@code <outputDirectory>/<provider>/openapi.yaml}, where a code generator reads it. With {@code
 * generatorInput}, the copy is rewritten for openapi-generator (OpenAPI 3.1 lowered to 3.0, enums
 * opened, undeclared fields kept; see {@code CodegenInput}) and {@code
 * <generatorOverlayDirectory>/<provider>.overlay.yaml}, an OpenAPI Overlay 1.0 document, is applied
 * on top.
 */
@Mojo(name = "effective-spec", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class EffectiveSpecMojo extends AbstractSpecsMojo {

  /** One folder per provider, holding {@code openapi.yaml}. */
  @Parameter(
      property = "genjobs.outputDirectory",
      defaultValue = "${project.build.directory}/genjobs/effective-spec",
      required = true)
  protected File outputDirectory;

  /** Rewrite the effective spec into openapi-generator input (see the goal's description). */
  @Parameter(property = "genjobs.generatorInput", defaultValue = "false")
  protected boolean generatorInput;

  /** Generator-input overlays, {@code <provider>.overlay.yaml}; only with generatorInput. */
  @Parameter protected File generatorOverlayDirectory;

  /**
   * Where to write {@code dev/genjobs/generated/SpecVersions.java} (the spec version of each
   * client); only with generatorInput. Not written when unset.
   */
  @Parameter protected File specVersionsDirectory;

  /** The generator's version, part of the generator-input fingerprint. */
  @Parameter protected String generatorVersion;

  /**
   * Files that configure the generator (usually the pom): a change changes the fingerprint written
   * into the generator input, so openapi-generator's skipIfSpecIsUnchanged regenerates.
   */
  @Parameter protected List<File> fingerprintFiles = new ArrayList<>();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("genjobs:effective-spec skipped");
      return;
    }
    Fingerprint fingerprint =
        new Fingerprint()
            .tree(specsRoot())
            .value("out", outputDirectory)
            .value("generatorInput", generatorInput)
            .value("generatorVersion", generatorVersion)
            .value("specVersions", specVersionsDirectory);
    if (generatorOverlayDirectory != null) fingerprint.tree(generatorOverlayDirectory.toPath());
    fingerprintFiles.forEach(f -> fingerprint.file(f.toPath()));
    String hex = fingerprint.hex();
    if (Files.isDirectory(outputDirectory.toPath()) && upToDate("effective-spec", hex)) {
      return;
    }
    Path out = outputDirectory.toPath();
    try (PrintStream log = new LogStream(getLog())) {
      SpecPipeline.Effective effective =
          EffectiveSpecs.of(specsRoot(), effectiveDirectory.toPath(), log);
      if (generatorInput) {
        SpecPipeline.prepareCodegen(
            effective,
            generatorOverlayDirectory == null ? null : generatorOverlayDirectory.toPath(),
            out,
            specVersionsDirectory == null ? null : specVersionsDirectory.toPath(),
            String.valueOf(generatorVersion),
            fingerprintFiles.stream().map(File::toPath).toList());
      } else {
        for (var e : effective.newestTrees().entrySet()) {
          SpecPipeline.writeIfChanged(
              out.resolve(e.getKey()).resolve("openapi.yaml"), SpecDocuments.toYaml(e.getValue()));
        }
      }
      log.println(
          "[spec] effective spec of "
              + effective.newestTrees().size()
              + " provider(s) written to "
              + out
              + (generatorInput ? " (generator input)" : ""));
    } catch (SpecValidationException | Overlay.OverlayException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the effective specs: " + e.getMessage(), e);
    }
    Fingerprint.store(stamp("effective-spec"), hex);
  }
}
