package dev.genjobs.maven;

import dev.genjobs.spectools.Overlay;
import dev.genjobs.spectools.SpecPipeline;
import dev.genjobs.spectools.SpecValidationException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records what each provider's overlay touches of its newest published documents in {@code
 * specs/<provider>/genjobs.overlay.lock.yaml}, after a person reviewed the provider's change the
 * build reported. The build fails while the lock and the published documents disagree.
 *
 * <pre>./mvnw genjobs:lock [-Dgenjobs.provider=creative-api]</pre>
 *
 * An aggregator goal, so it runs once when called from the root of the reactor.
 */
@Mojo(name = "lock", aggregator = true, threadSafe = true)
public class LockMojo extends AbstractSpecsMojo {

  /** The provider folder to lock; every provider with an overlay when not given. */
  @Parameter(property = "genjobs.provider")
  protected String provider;

  /**
   * Where generator-input overlays ({@code <provider>.overlay.yaml}) live, whose locks ({@code
   * <provider>.overlay.lock.yaml} beside them) are refreshed too; none when not set. This build
   * sets it to {@code client-generated/src/main/codegen} for command-line runs.
   */
  @Parameter(property = "genjobs.generatorOverlayDirectory")
  protected File generatorOverlayDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    try (PrintStream out = new LogStream(getLog())) {
      List<String> providers =
          provider == null || provider.isBlank() ? List.of() : List.of(provider);
      SpecPipeline.lock(specsRoot(), providers, out);
      if (generatorOverlayDirectory != null && generatorOverlayDirectory.isDirectory()) {
        SpecPipeline.lockGeneratorOverlays(
            specsRoot(), generatorOverlayDirectory.toPath(), providers, out);
      }
    } catch (SpecValidationException | Overlay.OverlayException | IllegalArgumentException e) {
      throw new MojoFailureException("genjobs:lock: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("genjobs:lock: " + e.getMessage(), e);
    }
  }
}
