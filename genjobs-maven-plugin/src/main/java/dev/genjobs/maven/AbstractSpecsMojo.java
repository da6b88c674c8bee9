package dev.genjobs.maven;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/** What every spec goal shares: where the specs are, and a switch to skip. */
abstract class AbstractSpecsMojo extends AbstractMojo {

  /**
   * The specs folder: {@code <provider>/<version>/openapi.yaml} (or several {@code
   * <name>.openapi.*} documents) as published, {@code <provider>/genjobs.overlay.yaml} with our
   * additions, {@code <provider>/source.yaml} saying where the provider publishes.
   */
  @Parameter(property = "genjobs.specs", defaultValue = "${project.basedir}/specs", required = true)
  protected File specsDirectory;

  /** Where the effective specs (published + overlay) are written. */
  @Parameter(
      property = "genjobs.effectiveDirectory",
      defaultValue = "${project.build.directory}/genjobs/effective",
      required = true)
  protected File effectiveDirectory;

  /** Stamps of the last successful run of each goal, for the up-to-date checks. */
  @Parameter(defaultValue = "${project.build.directory}/genjobs", readonly = true, required = true)
  protected File stateDirectory;

  /** Skips the goal. */
  @Parameter(property = "genjobs.skip", defaultValue = "false")
  protected boolean skip;

  /**
   * Runs the goal even when its inputs are unchanged since its last successful run (the default
   * skips it then, so a no-op build does no spec work).
   */
  @Parameter(property = "genjobs.force", defaultValue = "false")
  protected boolean force;

  protected Path specsRoot() {
    return specsDirectory.toPath().toAbsolutePath().normalize();
  }

  protected Path stamp(String goal) {
    return stateDirectory.toPath().resolve(goal + ".sha256");
  }

  /** Logs and returns true when the stored fingerprint equals {@code hex}. */
  protected boolean upToDate(String goal, String hex) {
    if (!force && Fingerprint.matches(stamp(goal), hex)) {
      getLog()
          .info(
              "genjobs:"
                  + goal
                  + ": specs and configuration unchanged since the last run; skipped");
      return true;
    }
    return false;
  }
}
