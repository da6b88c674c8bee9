package dev.genjobs.maven;

import dev.genjobs.spectools.Overlay;
import dev.genjobs.spectools.SpecPipeline;
import dev.genjobs.spectools.SpecValidationException;
import dev.genjobs.spectools.diff.BreakingChangeException;
import dev.genjobs.spectools.diff.SpecDiffMain;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares each provider's newest effective spec with the previous version's, writes {@code
 * <reportDirectory>/<provider>/report.md} (plus openapi-diff's HTML and JSON), and fails on a
 * breaking change for clients that the newest version folder's {@code
 * accepted-breaking-changes.yaml} does not list with a reason, or on an entry there that matches no
 * change.
 */
@Mojo(name = "diff", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class DiffMojo extends AbstractSpecsMojo {

  /** Where the reports go, one folder per provider. */
  @Parameter(
      property = "genjobs.reportDirectory",
      defaultValue = "${project.build.directory}/spec-diff",
      required = true)
  protected File reportDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("genjobs:diff skipped");
      return;
    }
    String hex = new Fingerprint().tree(specsRoot()).value("reports", reportDirectory).hex();
    if (Files.isDirectory(reportDirectory.toPath()) && upToDate("diff", hex)) {
      return;
    }
    try (PrintStream out = new LogStream(getLog())) {
      SpecPipeline.Effective effective =
          EffectiveSpecs.of(specsRoot(), effectiveDirectory.toPath(), out);
      SpecDiffMain.run(effective.layout().root(), specsRoot(), reportDirectory.toPath(), out);
    } catch (BreakingChangeException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (SpecValidationException | Overlay.OverlayException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot compare the specs: " + e.getMessage(), e);
    }
    Fingerprint.store(stamp("diff"), hex);
  }
}
