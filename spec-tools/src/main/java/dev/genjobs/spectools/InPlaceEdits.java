package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.spectools.diff.Classification;
import dev.genjobs.spectools.diff.SpecChange;
import dev.genjobs.spectools.diff.SpecComparison;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Published documents edited in place, found against the content the lock records.
 *
 * <p>A version folder holds the provider's text byte for byte; a provider's new text goes into a
 * new folder ({@code genjobs:sync} names it {@code <version>+<date>}), where the diff gate compares
 * it with the version before. A document edited in place would skip that gate. The lock records
 * each document as its git blob id, so the build can tell an edit and, where the repository holds
 * the recorded content (any clone with history), compare the two texts: changes that break clients
 * fail the build, each named; others are printed. Without the recorded content the edit fails the
 * build, since nothing can say what changed.
 */
public final class InPlaceEdits {

  private static final String PREFIX = "[spec] ";

  private InPlaceEdits() {}

  /** One recorded document: its path under the provider folder and its git blob id. */
  public record Document(String file, String gitBlob) {}

  /** The documents of every version folder of {@code provider}, as the lock records them. */
  public static List<Document> record(Path specsRoot, SpecLayout layout, String provider)
      throws IOException {
    List<Document> documents = new ArrayList<>();
    Path providerDir = specsRoot.resolve(provider);
    for (SpecFile version : layout.versions(provider)) {
      for (Path document : version.documents()) {
        documents.add(
            new Document(
                providerDir.relativize(document).toString().replace('\\', '/'),
                gitBlobId(Files.readAllBytes(document))));
      }
    }
    return documents;
  }

  /**
   * Compares each recorded document of {@code provider} with the file now; prints what changed;
   * returns one problem per document whose edit breaks clients or cannot be compared.
   */
  public static List<SpecProblem> check(
      Path specsRoot, SpecLayout layout, String provider, List<Document> recorded, PrintStream out)
      throws IOException {
    List<SpecProblem> problems = new ArrayList<>();
    Path providerDir = specsRoot.resolve(provider);
    Map<SpecFile, Map<Path, String>> editedByVersion = new LinkedHashMap<>();
    for (Document d : recorded) {
      Path file = providerDir.resolve(d.file());
      if (!Files.isRegularFile(file)) {
        continue; // a removed version folder: the layout scan and the diff speak for it
      }
      if (gitBlobId(Files.readAllBytes(file)).equals(d.gitBlob())) {
        continue;
      }
      Optional<SpecFile> version =
          layout.versions(provider).stream().filter(v -> v.documents().contains(file)).findFirst();
      if (version.isPresent()) {
        editedByVersion
            .computeIfAbsent(version.get(), v -> new LinkedHashMap<>())
            .put(file, d.gitBlob());
      }
    }
    for (Map.Entry<SpecFile, Map<Path, String>> e : editedByVersion.entrySet()) {
      problems.addAll(compare(specsRoot, provider, e.getKey(), e.getValue(), out));
    }
    return problems;
  }

  private static List<SpecProblem> compare(
      Path specsRoot, String provider, SpecFile version, Map<Path, String> edited, PrintStream out)
      throws IOException {
    String files =
        String.join(
            ", ", edited.keySet().stream().map(p -> specsRoot.relativize(p).toString()).toList());
    String how =
        "published files are kept as the provider published them; a provider's new text goes"
            + " into a new version folder (`./mvnw genjobs:sync -Dgenjobs.provider="
            + provider
            + "` names it "
            + version.version()
            + "+<date>), where the diff gate compares it. If this edit is deliberate and clients"
            + " can take it, record it with `"
            + OverlayLock.REFRESH_COMMAND
            + provider
            + "`";
    Path work = Files.createTempDirectory("genjobs-in-place");
    try {
      List<Path> before = new ArrayList<>();
      for (Path document : version.documents()) {
        Path copy = work.resolve(document.getFileName());
        String blob = edited.get(document);
        if (blob == null) {
          Files.copy(document, copy);
        } else {
          Optional<byte[]> recorded = gitBlob(specsRoot, blob);
          if (recorded.isEmpty()) {
            return List.of(
                SpecProblem.error(
                    provider,
                    files,
                    "",
                    "edited in place since the lock was written, and the recorded content (git"
                        + " blob "
                        + blob
                        + ") is not in this repository, so what changed cannot be told: "
                        + how));
          }
          Files.write(copy, recorded.get());
        }
        before.add(copy);
      }
      SpecFile old =
          new SpecFile(provider, version.version(), before.get(0), version.relativePath(), before);
      List<SpecChange> changes = changes(work, old, version);
      List<SpecChange> breaking =
          changes.stream().filter(c -> c.classification() == Classification.BREAKING).toList();
      for (SpecChange c : changes) {
        if (c.classification() != Classification.BREAKING) {
          out.println(
              PREFIX
                  + "WARNING provider '"
                  + provider
                  + "': "
                  + files
                  + " edited in place: "
                  + c.classification()
                  + " "
                  + c.id());
        }
      }
      if (breaking.isEmpty()) {
        return List.of();
      }
      StringBuilder sb =
          new StringBuilder("edited in place since the lock was written, with ")
              .append(breaking.size())
              .append(" change(s) that break clients:");
      breaking.forEach(c -> sb.append("\n      ").append(c.id()));
      sb.append("\n    ").append(how);
      return List.of(SpecProblem.error(provider, files, "", sb.toString()));
    } finally {
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // The merged published documents, before and now, compared as the diff gate compares versions.
  private static List<SpecChange> changes(Path work, SpecFile old, SpecFile now)
      throws IOException {
    Path oldFile = work.resolve("before.merged.json");
    Path nowFile = work.resolve("now.merged.json");
    ObjectNode oldTree = EffectiveSpec.published(old);
    ObjectNode nowTree = EffectiveSpec.published(now);
    Files.writeString(oldFile, oldTree.toString());
    Files.writeString(nowFile, nowTree.toString());
    return SpecComparison.compare(
            new SpecFile(old.provider(), old.version(), oldFile, old.relativePath()),
            new SpecFile(now.provider(), now.version(), nowFile, now.relativePath()))
        .changes();
  }

  /** The id git gives {@code content} as a blob: SHA-1 of {@code "blob <length>\0"} + content. */
  static String gitBlobId(byte[] content) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha1.digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The blob's content from the repository holding {@code dir}, if git and the blob are there. */
  static Optional<byte[]> gitBlob(Path dir, String blobId) {
    try {
      Process git =
          new ProcessBuilder("git", "cat-file", "blob", blobId)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      try (InputStream in = git.getInputStream()) {
        in.transferTo(content);
      }
      if (!git.waitFor(30, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      return git.exitValue() == 0 ? Optional.of(content.toByteArray()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no git here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
