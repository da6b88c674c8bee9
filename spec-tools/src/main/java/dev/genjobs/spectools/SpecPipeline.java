package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec steps of a build, as plain methods (the genjobs Maven plugin calls them; tests call them
 * directly):
 *
 * <ul>
 *   <li>{@link #effectiveSpecs}: for each provider, the newest version's published documents merged
 *       and its overlay applied (strictly), and the previous version likewise (leniently, since the
 *       overlay is kept for the newest), written as {@code
 *       <out>/<provider>/<version>/openapi.yaml}.
 *   <li>{@link #validate}: checks the published layout and each newest effective spec, prints
 *       warnings, throws listing every error, and optionally packages the newest effective specs
 *       with an index for {@link SpecCatalog}.
 *   <li>{@link #prepareCodegen}: the generator input of every provider and the {@code SpecVersions}
 *       class.
 * </ul>
 */
public final class SpecPipeline {

  private SpecPipeline() {}

  /** Effective specs written to disk, with the trees they were written from. */
  public record Effective(
      SpecLayout published, SpecLayout layout, Map<String, ObjectNode> newestTrees) {

    /** The newest effective spec of every provider, as written. */
    public Optional<SpecFile> newest(String provider) {
      return layout.newest(provider);
    }
  }

  /** Scans {@code specsRoot}; throws naming the first layout problem. */
  public static SpecLayout scan(Path specsRoot) {
    SpecLayout layout = SpecLayout.scan(specsRoot);
    if (!layout.problems().isEmpty()) {
      List<SpecProblem> problems = layout.problems();
      StringBuilder sb = new StringBuilder("specs layout is invalid:");
      problems.forEach(p -> sb.append(System.lineSeparator()).append("  ").append(p.describe()));
      throw new SpecValidationException(sb.toString(), problems);
    }
    return layout;
  }

  /**
   * Writes the effective spec of each provider's newest and previous version under {@code outRoot};
   * returns them. The previous version gets the actions that still match; the ones that do not are
   * printed.
   */
  public static Effective effectiveSpecs(Path specsRoot, Path outRoot, PrintStream out)
      throws IOException {
    SpecLayout published = scan(specsRoot);
    Map<String, ObjectNode> trees = new LinkedHashMap<>();
    List<SpecProblem> errors = new ArrayList<>();
    for (String provider : published.providers()) {
      try {
        errors.addAll(
            InPlaceEdits.check(
                specsRoot,
                published,
                provider,
                OverlayLock.readDocuments(OverlayLock.file(specsRoot, provider)),
                out));
        trees.put(provider, effectiveSpecs(specsRoot, published, provider, outRoot, out));
      } catch (SpecValidationException e) {
        errors.addAll(e.problems());
      } catch (Overlay.OverlayException e) {
        errors.add(
            SpecProblem.error(
                provider, provider + "/" + EffectiveSpec.OVERLAY_FILE, "", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(errors.size()).append(" spec error(s) in ").append(specsRoot).append(':');
      errors.forEach(e -> sb.append(System.lineSeparator()).append("  ").append(e.describe()));
      errors.forEach(e -> out.println("[spec] " + e.describe()));
      throw new SpecValidationException(sb.toString(), errors);
    }
    return new Effective(published, SpecLayout.scan(outRoot), trees);
  }

  private static ObjectNode effectiveSpecs(
      Path specsRoot, SpecLayout published, String provider, Path outRoot, PrintStream out)
      throws IOException {
    Overlay overlay = Overlay.read(EffectiveSpec.overlayFile(specsRoot, provider));
    SpecFile newest = published.newest(provider).orElseThrow();
    ObjectNode tree = lockedEffectiveSpec(specsRoot, newest, overlay);
    writeIfChanged(effectivePath(outRoot, newest), SpecDocuments.toYaml(tree));
    Optional<SpecFile> previous = published.previous(provider);
    if (previous.isPresent()) {
      ObjectNode old = EffectiveSpec.published(previous.get());
      for (Overlay.Action skipped : overlay.applyLeniently(old)) {
        out.println(
            "[spec] "
                + provider
                + " "
                + previous.get().version()
                + " (previous version, compared with the newest): overlay "
                + skipped.describe()
                + " matches nothing there; compared without it");
      }
      writeIfChanged(effectivePath(outRoot, previous.get()), SpecDocuments.toYaml(old));
    }
    return tree;
  }

  /**
   * The newest version's effective spec, the overlay checked against its {@link OverlayLock}: a
   * change to the published content an action touches fails here, naming the action, before the
   * merged result can fail validation for a reason that names none (a parameter the provider now
   * publishes and the overlay adds again).
   */
  static ObjectNode lockedEffectiveSpec(Path specsRoot, SpecFile newest, Overlay overlay)
      throws IOException {
    String provider = newest.provider();
    ObjectNode publishedTree = EffectiveSpec.published(newest);
    ObjectNode tree = publishedTree.deepCopy();
    List<OverlayLock.Touch> touches = new ArrayList<>();
    Path lockFile = OverlayLock.file(specsRoot, provider);
    try {
      OverlayLock.applyRecording(overlay, tree, publishedTree, touches);
    } catch (Overlay.OverlayException e) {
      List<String> changed =
          OverlayLock.check(
              provider, OverlayLock.read(lockFile), overlay, publishedTree, touches, false);
      if (changed.isEmpty()) throw e;
      throw lockFailure(provider, newest, changed, e.getMessage());
    }
    List<String> problems =
        OverlayLock.check(
            provider, OverlayLock.read(lockFile), overlay, publishedTree, touches, true);
    if (!problems.isEmpty()) {
      throw lockFailure(provider, newest, problems, null);
    }
    return tree;
  }

  /**
   * Records in each named provider's {@link OverlayLock} (every provider's when {@code providers}
   * is empty) what its overlay touches of the newest published documents and the git blob id of
   * every published document ({@link InPlaceEdits}); prints what changed since the lock before. The
   * overlay must still apply: an action that matches nothing fails as in the build.
   */
  public static List<Path> lock(Path specsRoot, List<String> providers, PrintStream out)
      throws IOException {
    SpecLayout published = scan(specsRoot);
    List<String> chosen = providers.isEmpty() ? List.copyOf(published.providers()) : providers;
    List<Path> written = new ArrayList<>();
    for (String provider : chosen) {
      SpecFile newest =
          published
              .newest(provider)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no provider '"
                              + provider
                              + "' in "
                              + specsRoot
                              + published.providers()));
      Path overlayFile = EffectiveSpec.overlayFile(specsRoot, provider);
      ObjectNode publishedTree = EffectiveSpec.published(newest);
      Overlay overlay = Overlay.read(overlayFile); // none when the provider has no overlay
      List<OverlayLock.Touch> touches =
          OverlayLock.applyRecording(overlay, publishedTree.deepCopy(), publishedTree);
      Path lockFile = OverlayLock.file(specsRoot, provider);
      List<String> changes =
          OverlayLock.check(
              provider, OverlayLock.read(lockFile), overlay, publishedTree, touches, true);
      changes.forEach(c -> out.println("[spec] " + provider + ": recorded: " + c));
      writeIfChanged(
          lockFile,
          OverlayLock.render(
              provider, touches, InPlaceEdits.record(specsRoot, published, provider)));
      out.println(
          "[spec] "
              + provider
              + " "
              + newest.version()
              + ": "
              + touches.size()
              + " published place(s) the overlay touches and the published documents recorded in "
              + lockFile);
      written.add(lockFile);
    }
    return written;
  }

  /**
   * Records in {@code <overlayDir>/<provider>.overlay.lock.yaml} what each generator-input overlay
   * there touches of its provider's newest published documents (the named providers, or all with
   * such an overlay), as {@link #prepareCodegen} applies it: after the spec's overlay and the 3.1
   * lowering.
   */
  public static List<Path> lockGeneratorOverlays(
      Path specsRoot, Path overlayDir, List<String> providers, PrintStream out) throws IOException {
    SpecLayout published = scan(specsRoot);
    List<Path> written = new ArrayList<>();
    for (String provider : published.providers()) {
      Path overlayFile = overlayDir.resolve(provider + ".overlay.yaml");
      if (!providers.isEmpty() && !providers.contains(provider)
          || !java.nio.file.Files.isRegularFile(overlayFile)) {
        continue;
      }
      SpecFile newest = published.newest(provider).orElseThrow();
      ObjectNode publishedTree = EffectiveSpec.published(newest);
      ObjectNode tree =
          EffectiveSpec.of(newest, Overlay.read(EffectiveSpec.overlayFile(specsRoot, provider)));
      OpenApi31Lowering.lower(tree);
      List<OverlayLock.Touch> touches =
          OverlayLock.applyRecording(Overlay.read(overlayFile), tree, publishedTree);
      Path lockFile = OverlayLock.generatorLockFile(overlayDir, provider);
      writeIfChanged(
          lockFile,
          OverlayLock.render(provider, overlayFile.getFileName().toString(), touches, List.of()));
      out.println(
          "[spec] "
              + provider
              + " "
              + newest.version()
              + ": "
              + touches.size()
              + " published place(s) the generator overlay touches recorded in "
              + lockFile);
      written.add(lockFile);
    }
    return written;
  }

  private static SpecValidationException lockFailure(
      String provider, SpecFile newest, List<String> problems, String alsoFailed) {
    String file = provider + "/" + OverlayLock.FILE;
    List<SpecProblem> list = new ArrayList<>();
    for (String p : problems) {
      list.add(
          SpecProblem.error(
              provider, file, "", "published " + newest.version() + " vs the lock: " + p));
    }
    if (alsoFailed != null) {
      list.add(
          SpecProblem.error(provider, provider + "/" + EffectiveSpec.OVERLAY_FILE, "", alsoFailed));
    }
    return new SpecValidationException(
        "the published content the overlay of '" + provider + "' touches changed", list);
  }

  private static Path effectivePath(Path outRoot, SpecFile spec) {
    return outRoot
        .resolve(spec.provider())
        .resolve(spec.version().toString())
        .resolve("openapi.yaml");
  }

  /**
   * Validates each provider's newest effective spec; prints warnings; throws listing every error.
   * When {@code packageRoot} is given, copies the newest effective specs there as {@code
   * specs/<provider>/<version>/openapi.yaml} with {@value SpecCatalog#INDEX_RESOURCE}.
   */
  public static void validate(Effective effective, Path packageRoot, PrintStream out)
      throws IOException {
    List<SpecProblem> problems = new ArrayList<>();
    SpecValidator validator = new SpecValidator();
    for (String provider : effective.published().providers()) {
      SpecFile published = effective.published().newest(provider).orElseThrow();
      SpecFile written = effective.newest(provider).orElseThrow();
      SpecFile described =
          new SpecFile(
              provider,
              written.version(),
              written.path(),
              Files.isRegularFile(EffectiveSpec.overlayFile(effective.published().root(), provider))
                  ? published.relativePath() + " + " + provider + "/" + EffectiveSpec.OVERLAY_FILE
                  : published.relativePath(),
              List.of(written.path()));
      problems.addAll(validator.validate(described, effective.newestTrees().get(provider)));
    }
    List<SpecProblem> errors = problems.stream().filter(SpecProblem::isError).toList();
    problems.stream().filter(p -> !p.isError()).forEach(p -> out.println("[spec] " + p.describe()));
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(errors.size())
          .append(" spec error(s) in ")
          .append(effective.published().root())
          .append(':');
      errors.forEach(e -> sb.append(System.lineSeparator()).append("  ").append(e.describe()));
      errors.forEach(e -> out.println("[spec] " + e.describe()));
      throw new SpecValidationException(sb.toString(), errors);
    }
    for (String provider : effective.published().providers()) {
      out.println(
          "[spec] OK provider '"
              + provider
              + "': versions "
              + effective.published().versions(provider).stream()
                  .map(s -> s.version().toString())
                  .toList()
              + ", newest "
              + effective.published().newest(provider).orElseThrow().relativePath());
    }
    if (packageRoot != null) {
      Map<String, SpecFile> packaged = new LinkedHashMap<>();
      for (String provider : effective.published().providers()) {
        SpecFile written = effective.newest(provider).orElseThrow();
        Path target =
            packageRoot
                .resolve("specs")
                .resolve(provider)
                .resolve(written.version().toString())
                .resolve("openapi.yaml");
        writeIfChanged(target, Files.readString(written.path()));
        packaged.put(provider, written);
      }
      // Unchanged bytes keep the jar unchanged, so modules depending on it do not recompile.
      writeIfChanged(
          packageRoot.resolve(SpecCatalog.INDEX_RESOURCE), SpecCatalog.index(packaged.values()));
    }
  }

  /**
   * Writes the newest effective spec of each provider, rewritten for the generator ({@link
   * CodegenInput}, with {@code <overlayDir>/<provider>.overlay.yaml} when present), to {@code
   * <outDir>/<provider>/openapi.yaml}, plus a {@code SpecVersions} class and manifest entries.
   */
  public static void prepareCodegen(
      Effective effective,
      Path overlayDir,
      Path outDir,
      Path javaOutDir,
      String generatorVersion,
      List<Path> configFiles)
      throws IOException {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String provider : effective.published().providers()) {
      SpecFile newest = effective.newest(provider).orElseThrow();
      Path overlayFile = overlayDir == null ? null : overlayDir.resolve(provider + ".overlay.yaml");
      List<Path> fingerprinted = new ArrayList<>(configFiles);
      if (overlayFile != null && Files.isRegularFile(overlayFile)) fingerprinted.add(overlayFile);
      String fingerprint =
          CodegenInput.fingerprint(
              List.of(generatorVersion, newest.version().toString()), fingerprinted);
      ObjectNode spec = effective.newestTrees().get(provider).deepCopy();
      Overlay overlay = overlayFile == null ? Overlay.none() : Overlay.read(overlayFile);
      if (overlay.isEmpty()) {
        CodegenInput.rewrite(spec, overlay, fingerprint);
      } else {
        // A generator-input overlay is locked like the spec's: what it corrects of the published
        // text for the generator must not silently outlive a provider's change there.
        ObjectNode publishedTree =
            EffectiveSpec.published(effective.published().newest(provider).orElseThrow());
        List<OverlayLock.Touch> touches = new ArrayList<>();
        CodegenInput.rewrite(
            spec, overlay, fingerprint, OverlayLock.recorder(publishedTree, touches));
        Path lockFile = OverlayLock.generatorLockFile(overlayDir, provider);
        List<String> problems =
            OverlayLock.check(
                lockFile.getFileName().toString(),
                provider,
                OverlayLock.read(lockFile),
                overlay,
                publishedTree,
                touches,
                true);
        if (!problems.isEmpty()) {
          throw new SpecValidationException(
              "the published content the generator overlay of '" + provider + "' touches changed",
              problems.stream()
                  .map(pr -> SpecProblem.error(provider, lockFile.toString(), "", pr))
                  .toList());
        }
      }
      writeIfChanged(outDir.resolve(provider).resolve("openapi.yaml"), SpecDocuments.toYaml(spec));
      versions.put(provider, newest.version().toString());
    }
    if (javaOutDir != null) {
      writeIfChanged(
          javaOutDir.resolve("dev/genjobs/generated/SpecVersions.java"),
          specVersionsSource(versions));
    }
    writeIfChanged(outDir.resolve("MANIFEST.MF"), manifest(versions));
  }

  /** Manifest entries naming the spec version of each client, merged into the jar's manifest. */
  static String manifest(Map<String, String> versions) {
    StringBuilder sb = new StringBuilder("Manifest-Version: 1.0\n");
    sb.append("Genjobs-Spec-Versions: ")
        .append(
            String.join(
                ",",
                versions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))
        .append("\n");
    versions.forEach(
        (p, v) -> sb.append("Genjobs-Spec-").append(p).append(": ").append(v).append("\n"));
    return sb.toString();
  }

  private static String specVersionsSource(Map<String, String> versions) {
    StringBuilder sb = new StringBuilder();
    sb.append("package dev.genjobs.generated;\n\n")
        .append("import java.util.Map;\n\n")
        .append(
            "/** Generated by genjobs-spec-tools: the spec version each client was generated from. */\n")
        .append("public final class SpecVersions {\n")
        .append("  private SpecVersions() {}\n\n");
    versions.forEach(
        (provider, version) ->
            sb.append("  public static final String ")
                .append(provider.toUpperCase().replace('-', '_'))
                .append(" = \"")
                .append(version)
                .append("\";\n"));
    sb.append("\n  /** Provider folder name to spec version. */\n")
        .append("  public static final Map<String, String> ALL = Map.of(");
    List<String> entries = new ArrayList<>();
    versions.forEach((p, v) -> entries.add("\n      \"" + p + "\", \"" + v + "\""));
    sb.append(String.join(",", entries)).append(");\n}\n");
    return sb.toString();
  }

  /** Writes {@code content} unless the file already holds exactly it. */
  // Unchanged bytes keep file timestamps, so the compiler and the generator see nothing to do.
  public static void writeIfChanged(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
