package dev.genjobs.maven;

import dev.genjobs.spectools.sync.SpecSource;
import dev.genjobs.spectools.sync.SpecSync;
import dev.genjobs.spectools.sync.SyncException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fetches a provider's published spec (from {@code specs/<provider>/source.yaml}, or {@code
 * -Dgenjobs.from}) and, when it changed, writes it byte for byte as a new version folder, applies
 * the overlay and prints the client-relevant changes. Network errors, an answer that is not an
 * OpenAPI document, or a spec that fails validation leave {@code specs/} untouched.
 *
 * <pre>./mvnw genjobs:sync -Dgenjobs.provider=unstructured-platform [-Dgenjobs.from=URL[,URL]]
 * </pre>
 *
 * Runs once at the top of a multi-module build (an aggregator goal), so it can be called from the
 * root of the reactor.
 */
@Mojo(name = "sync", aggregator = true, threadSafe = true)
public class SyncMojo extends AbstractSpecsMojo {

  /** The provider folder to sync, e.g. {@code unstructured-platform}. */
  @Parameter(property = "genjobs.provider", required = true)
  protected String provider;

  /**
   * Fetch from here instead of source.yaml's URLs: one URL per document, comma-separated, in
   * source.yaml's order (a mirror, or a loopback server in tests).
   */
  @Parameter(property = "genjobs.from")
  protected String from;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    try (PrintStream out = new LogStream(getLog())) {
      SpecSource source = SpecSource.read(specsRoot(), provider);
      if (from != null && !from.isBlank()) {
        List<URI> urls =
            Arrays.stream(from.split(",")).map(String::strip).map(URI::create).toList();
        source = source.from(urls);
      }
      SpecSync.withDefaults(out).sync(specsRoot(), source);
    } catch (SyncException e) {
      throw new MojoFailureException("genjobs:sync " + provider + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("genjobs:sync: bad -Dgenjobs.from: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("genjobs:sync " + provider + ": " + e.getMessage(), e);
    }
  }
}
