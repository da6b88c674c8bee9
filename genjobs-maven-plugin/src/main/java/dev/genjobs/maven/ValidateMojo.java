package dev.genjobs.maven;

import dev.genjobs.spectools.Overlay;
import dev.genjobs.spectools.SpecCatalog;
import dev.genjobs.spectools.SpecPipeline;
import dev.genjobs.spectools.SpecValidationException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the specs folder and each provider's effective spec (newest published version merged,
 * overlay applied): layout, syntax with line and column, dangling {@code $ref}s, operations, and
 * Swagger Parser's validation. Fails naming provider, file, location and reason; an overlay action
 * whose target matches nothing fails naming the action. With {@code packageDirectory}, also writes
 * the effective specs and an index there for {@code SpecCatalog} (the specs jar).
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class ValidateMojo extends AbstractSpecsMojo {

  /**
   * Where to package the newest effective spec of each provider, as {@code
   * specs/<provider>/<version>/openapi.yaml} with {@code specs/index.properties}; usually {@code
   * ${project.build.outputDirectory}}. Not packaged when unset.
   */
  @Parameter(property = "genjobs.packageDirectory")
  protected File packageDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("genjobs:validate skipped");
      return;
    }
    Path packageRoot = packageDirectory == null ? null : packageDirectory.toPath();
    String hex = new Fingerprint().tree(specsRoot()).value("package", packageRoot).hex();
    boolean outputsPresent =
        packageRoot == null || Files.isRegularFile(packageRoot.resolve(SpecCatalog.INDEX_RESOURCE));
    if (outputsPresent && upToDate("validate", hex)) {
      return;
    }
    try (PrintStream out = new LogStream(getLog())) {
      SpecPipeline.validate(
          EffectiveSpecs.of(specsRoot(), effectiveDirectory.toPath(), out), packageRoot, out);
    } catch (SpecValidationException | Overlay.OverlayException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read or write the specs: " + e.getMessage(), e);
    }
    Fingerprint.store(stamp("validate"), hex);
  }
}
