package dev.genjobs.spectools.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.spectools.EffectiveSpec;
import dev.genjobs.spectools.Overlay;
import dev.genjobs.spectools.OverlayLock;
import dev.genjobs.spectools.SemanticVersion;
import dev.genjobs.spectools.SpecDocuments;
import dev.genjobs.spectools.SpecFile;
import dev.genjobs.spectools.SpecLayout;
import dev.genjobs.spectools.SpecPipeline;
import dev.genjobs.spectools.SpecProblem;
import dev.genjobs.spectools.SpecValidator;
import dev.genjobs.spectools.diff.Classification;
import dev.genjobs.spectools.diff.SpecChange;
import dev.genjobs.spectools.diff.SpecComparison;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fetches a provider's published spec and, when its content changed, stores it as a new version
 * folder, byte for byte: {@code specs/<provider>/<info.version>/}, or {@code <info.version>+<date>}
 * when the provider changed the content without bumping the version. Before anything is written,
 * every document must answer 200, be an OpenAPI 3 document, and pass validation once merged;
 * otherwise {@link SyncException} says why and {@code specs/} is untouched. After writing, the
 * overlay is applied and the client-relevant changes against the previous newest version are
 * printed; an overlay action that no longer matches and a breaking change are printed as the next
 * steps (the build fails on both until they are resolved).
 */
public final class SpecSync {

  private static final String PREFIX = "[sync] ";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final Clock clock;
  private final PrintStream out;

  public SpecSync(HttpClient http, Clock clock, PrintStream out) {
    this.http = http;
    this.clock = clock;
    this.out = out;
  }

  /** A sync with a default HTTP client (redirects followed, 30 s connect timeout) and UTC clock. */
  public static SpecSync withDefaults(PrintStream out) {
    return new SpecSync(
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(TIMEOUT)
            .build(),
        Clock.systemUTC(),
        out);
  }

  /**
   * What a sync did.
   *
   * @param written the new version folder, or empty when the published spec is unchanged
   * @param changes the client-relevant changes against the previous newest version
   * @param overlayProblem why the overlay does not apply to the new version, if it does not
   */
  public record Outcome(
      Optional<SpecFile> written, List<SpecChange> changes, Optional<String> overlayProblem) {

    public List<SpecChange> changes(Classification c) {
      return changes.stream().filter(x -> x.classification() == c).toList();
    }
  }

  public Outcome sync(Path specsRoot, SpecSource source) throws IOException {
    String provider = source.provider();
    List<byte[]> bodies = new ArrayList<>();
    for (SpecSource.Document d : source.documents()) {
      bodies.add(fetch(d));
    }
    String version = checkDocuments(source, bodies);

    SpecLayout layout = SpecLayout.scan(specsRoot);
    List<SpecFile> existing = layout.versions(provider);
    for (SpecFile v : existing) {
      if (sameContent(v, source, bodies)) {
        out.println(
            PREFIX
                + provider
                + ": the published spec is unchanged (same bytes as specs/"
                + provider
                + "/"
                + v.version()
                + "/); nothing written");
        return new Outcome(Optional.empty(), List.of(), Optional.empty());
      }
    }
    String folder = newFolderName(specsRoot.resolve(provider), version);

    // Staged in a hidden folder next to the target (the layout skips dot-folders), so the final
    // step is a rename and a failure before it leaves specs/ as it was.
    Path providerDir = specsRoot.resolve(provider);
    Files.createDirectories(providerDir);
    Path staging = Files.createTempDirectory(providerDir, ".sync-");
    try {
      List<Path> documents = new ArrayList<>();
      for (int i = 0; i < bodies.size(); i++) {
        Path file = staging.resolve(source.documents().get(i).file());
        Files.write(file, bodies.get(i));
        documents.add(file);
      }
      documents.sort(null);
      SemanticVersion semver = SemanticVersion.parse(folder);
      SpecFile staged =
          new SpecFile(
              provider,
              semver,
              documents.get(0),
              provider + "/" + folder + "/" + documents.get(0).getFileName(),
              documents);
      validatePublished(staged, staging);
      reportLock(specsRoot, staged);

      Path target = providerDir.resolve(folder);
      moveDirectory(staging, target);
      SpecFile written =
          SpecLayout.scan(specsRoot).versions(provider).stream()
              .filter(s -> s.version().toString().equals(folder))
              .findFirst()
              .orElseThrow();
      out.println(
          PREFIX
              + provider
              + ": wrote specs/"
              + provider
              + "/"
              + folder
              + "/ ("
              + String.join(
                  ", ", written.documents().stream().map(p -> p.getFileName().toString()).toList())
              + ", as published)");
      if (layout.newest(provider).isPresent()
          && layout.newest(provider).get().version().compareTo(semver) > 0) {
        out.println(
            PREFIX
                + "WARNING "
                + provider
                + ": "
                + folder
                + " is older than the newest folder "
                + layout.newest(provider).get().version()
                + "; clients stay generated from the newest");
      }
      return report(specsRoot, layout.newest(provider), written);
    } finally {
      deleteRecursively(staging);
    }
  }

  private byte[] fetch(SpecSource.Document d) {
    URI url = d.url();
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(TIMEOUT)
                  .header(
                      "Accept",
                      "json".equals(d.format())
                          ? "application/json, */*;q=0.5"
                          : "application/yaml, text/yaml, */*;q=0.5")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new SyncException(
          "GET " + url + " timed out after " + TIMEOUT.toSeconds() + " s; specs/ is untouched", e);
    } catch (ConnectException e) {
      throw new SyncException(
          "cannot connect to "
              + url
              + " ("
              + (e.getMessage() == null ? "connection refused or unreachable" : e.getMessage())
              + "); specs/ is untouched",
          e);
    } catch (IOException e) {
      throw new SyncException("GET " + url + " failed: " + e + "; specs/ is untouched", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException("interrupted while fetching " + url, e);
    } catch (IllegalArgumentException e) {
      throw new SyncException("cannot fetch '" + url + "': " + e.getMessage(), e);
    }
    if (response.statusCode() != 200) {
      throw new SyncException(
          "GET "
              + url
              + " answered HTTP "
              + response.statusCode()
              + " instead of 200 with the spec ("
              + preview(response.body())
              + "); specs/ is untouched");
    }
    return response.body();
  }

  /** Each body must be an OpenAPI 3 document; returns their common {@code info.version}. */
  private static String checkDocuments(SpecSource source, List<byte[]> bodies) throws IOException {
    String version = null;
    for (int i = 0; i < bodies.size(); i++) {
      SpecSource.Document d = source.documents().get(i);
      JsonNode tree;
      Path tmp =
          Files.createTempFile("genjobs-sync", "json".equals(d.format()) ? ".json" : ".yaml");
      try {
        Files.write(tmp, bodies.get(i));
        tree = SpecDocuments.read(tmp, "json".equals(d.format()));
      } catch (SpecDocuments.SyntaxException e) {
        throw new SyncException(
            d.url()
                + " did not answer a "
                + d.format()
                + " document ("
                + e.getMessage()
                + (e.location().isEmpty() ? "" : " at " + e.location())
                + "; answer starts with '"
                + preview(bodies.get(i))
                + "'); specs/ is untouched");
      } finally {
        Files.deleteIfExists(tmp);
      }
      String openapi = tree.path("openapi").asText("");
      if (!tree.isObject() || !(openapi.startsWith("3.0.") || openapi.startsWith("3.1."))) {
        throw new SyncException(
            d.url()
                + " did not answer an OpenAPI 3 document (no 'openapi: 3.x' field; answer starts"
                + " with '"
                + preview(bodies.get(i))
                + "'); specs/ is untouched");
      }
      String v = tree.path("info").path("version").asText("");
      if (SemanticVersion.tryParse(v).isEmpty()) {
        throw new SyncException(
            d.url()
                + ": info.version '"
                + v
                + "' is not a semantic version (MAJOR.MINOR.PATCH), so it cannot name the version"
                + " folder; specs/ is untouched");
      }
      if (version != null && !version.equals(v)) {
        throw new SyncException(
            "the documents of one version disagree on info.version ("
                + version
                + " and "
                + v
                + " at "
                + d.url()
                + "); specs/ is untouched");
      }
      version = v;
    }
    return version;
  }

  private static boolean sameContent(SpecFile existing, SpecSource source, List<byte[]> bodies)
      throws IOException {
    if (existing.documents().size() != bodies.size()) return false;
    for (int i = 0; i < bodies.size(); i++) {
      Path file = existing.folder().resolve(source.documents().get(i).file());
      if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bodies.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code version}, or {@code version+<today>} (then {@code .2}, ...) when that folder exists. */
  private String newFolderName(Path providerDir, String version) {
    if (!Files.exists(providerDir.resolve(version))) {
      return version;
    }
    String dated = version + (version.contains("+") ? "." : "+") + LocalDate.now(clock).toString();
    String candidate = dated;
    for (int n = 2; Files.exists(providerDir.resolve(candidate)); n++) {
      candidate = dated + "." + n;
    }
    return candidate;
  }

  // The merged published documents must be a valid spec on their own; our overlay is checked
  // after writing, because a failing overlay action is ours to fix, not a reason to refuse the
  // provider's new text.
  private static void validatePublished(SpecFile staged, Path staging) throws IOException {
    ObjectNode merged;
    try {
      merged = EffectiveSpec.published(staged);
    } catch (RuntimeException e) {
      throw new SyncException(e.getMessage() + "; specs/ is untouched", e);
    }
    Path file = staging.resolve(".merged.openapi.json");
    Files.writeString(file, merged.toString());
    try {
      SpecFile asFile =
          new SpecFile(
              staged.provider(), staged.version(), file, staged.relativePath(), List.of(file));
      List<SpecProblem> errors =
          new SpecValidator()
              .validate(asFile, merged).stream().filter(SpecProblem::isError).toList();
      if (!errors.isEmpty()) {
        StringBuilder sb =
            new StringBuilder("the published spec fails validation; specs/ is untouched:");
        errors.forEach(e -> sb.append("\n  ").append(e.describe()));
        throw new SyncException(sb.toString());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Says, before anything is written, which published places the overlay touches changed against
   * its lock (the build fails on them until reviewed), so the provider's change is seen where the
   * overlay patches it too.
   */
  private void reportLock(Path specsRoot, SpecFile staged) throws IOException {
    String provider = staged.provider();
    Path overlayFile = EffectiveSpec.overlayFile(specsRoot, provider);
    if (!Files.isRegularFile(overlayFile)) {
      return;
    }
    ObjectNode published = EffectiveSpec.published(staged);
    List<OverlayLock.Touch> touches = new ArrayList<>();
    boolean complete = true;
    Overlay overlay = Overlay.read(overlayFile);
    try {
      OverlayLock.applyRecording(overlay, published.deepCopy(), published, touches);
    } catch (Overlay.OverlayException e) {
      complete = false; // report() says which action no longer fits
    }
    List<String> problems =
        OverlayLock.check(
            provider,
            OverlayLock.read(OverlayLock.file(specsRoot, provider)),
            overlay,
            published,
            touches,
            complete);
    for (String problem : problems) {
      out.println(PREFIX + "NEXT STEP " + provider + ": " + problem);
    }
  }

  private Outcome report(Path specsRoot, Optional<SpecFile> previous, SpecFile written)
      throws IOException {
    String provider = written.provider();
    Overlay overlay = Overlay.read(EffectiveSpec.overlayFile(specsRoot, provider));
    ObjectNode effective;
    try {
      effective = EffectiveSpec.of(written, overlay);
    } catch (Overlay.OverlayException e) {
      out.println(PREFIX + "NEXT STEP " + provider + ": " + e.getMessage());
      out.println(
          PREFIX
              + "The build fails until specs/"
              + provider
              + "/"
              + EffectiveSpec.OVERLAY_FILE
              + " fits the new version.");
      return new Outcome(Optional.of(written), List.of(), Optional.of(e.getMessage()));
    }
    out.println(
        PREFIX
            + provider
            + ": overlay applied ("
            + overlay.actions().size()
            + " action(s) from "
            + EffectiveSpec.OVERLAY_FILE
            + ")");
    if (previous.isEmpty()) {
      return new Outcome(Optional.of(written), List.of(), Optional.empty());
    }
    Path work = Files.createTempDirectory("genjobs-sync-diff");
    try {
      ObjectNode old = EffectiveSpec.published(previous.get());
      overlay.applyLeniently(old);
      SpecFile oldFile = effectiveFile(work, previous.get(), old);
      SpecFile newFile = effectiveFile(work, written, effective);
      SpecComparison comparison =
          SpecComparison.compare(oldFile, newFile).withPublished(previous.get(), written);
      out.println(
          PREFIX
              + provider
              + " "
              + previous.get().version()
              + " -> "
              + written.version()
              + ": "
              + comparison.changes(Classification.BREAKING).size()
              + " breaking, "
              + comparison.changes(Classification.NEEDS_ATTENTION).size()
              + " need attention, "
              + comparison.changes(Classification.COMPATIBLE).size()
              + " compatible");
      for (SpecChange c : comparison.changes()) {
        out.println(PREFIX + "  " + c.classification() + "  " + c.id());
      }
      if (!comparison.changes(Classification.BREAKING).isEmpty()) {
        out.println(
            PREFIX
                + "NEXT STEP "
                + provider
                + ": the build fails on the breaking change(s) above until each is listed, with"
                + " the reason clients can take it, in specs/"
                + provider
                + "/"
                + written.version()
                + "/accepted-breaking-changes.yaml (or the provider fixes its spec).");
      }
      return new Outcome(Optional.of(written), comparison.changes(), Optional.empty());
    } finally {
      deleteRecursively(work);
    }
  }

  private static SpecFile effectiveFile(Path root, SpecFile spec, ObjectNode tree)
      throws IOException {
    Path file =
        root.resolve(spec.provider()).resolve(spec.version().toString()).resolve("openapi.yaml");
    SpecPipeline.writeIfChanged(file, SpecDocuments.toYaml(tree));
    return new SpecFile(
        spec.provider(), spec.version(), file, spec.relativePath() + " + overlay", List.of(file));
  }

  private static void moveDirectory(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static String preview(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
    return s.replaceAll("\\s+", " ").strip() + (body.length > 60 ? "..." : "");
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) return;
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
