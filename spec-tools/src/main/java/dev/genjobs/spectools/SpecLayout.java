package dev.genjobs.spectools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The specs folder as laid out on disk: {@code <root>/<provider>/<semver>/openapi.(yaml|yml|json)},
 * or several {@code <name>.openapi.(yaml|yml|json)} documents in one version folder. Scanning never
 * throws on a bad layout; every deviation becomes a {@link SpecProblem} that names the folder and
 * says what is expected.
 */
public final class SpecLayout {

  /** Folders in the specs module that are not providers. */
  private static final Set<String> NOT_PROVIDERS = Set.of("src", "target", "node_modules");

  private static final List<String> SPEC_FILE_NAMES =
      List.of("openapi.yaml", "openapi.yml", "openapi.json");

  private static final List<String> DOCUMENT_SUFFIXES =
      List.of(".openapi.yaml", ".openapi.yml", ".openapi.json");

  private final Path root;
  private final Map<String, List<SpecFile>> versionsByProvider;
  private final List<SpecProblem> problems;

  private SpecLayout(
      Path root, Map<String, List<SpecFile>> versionsByProvider, List<SpecProblem> problems) {
    this.root = root;
    this.versionsByProvider = versionsByProvider;
    this.problems = problems;
  }

  public static SpecLayout scan(Path root) {
    Map<String, List<SpecFile>> versions = new TreeMap<>();
    List<SpecProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      problems.add(
          SpecProblem.error("", "", "", "specs root " + root + " does not exist or is no folder"));
      return new SpecLayout(root, versions, problems);
    }
    for (Path providerDir : children(root)) {
      String provider = providerDir.getFileName().toString();
      if (!Files.isDirectory(providerDir)
          || provider.startsWith(".")
          || NOT_PROVIDERS.contains(provider)) {
        continue;
      }
      List<SpecFile> found = scanProvider(root, providerDir, problems);
      if (!found.isEmpty()) {
        versions.put(provider, found);
      }
    }
    if (versions.isEmpty() && problems.isEmpty()) {
      problems.add(
          SpecProblem.error(
              "",
              "",
              "",
              "no provider folders found under "
                  + root
                  + "; expected specs/<provider>/<version>/openapi.yaml"));
    }
    return new SpecLayout(root, versions, problems);
  }

  private static List<SpecFile> scanProvider(
      Path root, Path providerDir, List<SpecProblem> problems) {
    String provider = providerDir.getFileName().toString();
    List<SpecFile> found = new ArrayList<>();
    boolean anyVersionFolder = false;
    for (Path versionDir : children(providerDir)) {
      String name = versionDir.getFileName().toString();
      if (!Files.isDirectory(versionDir) || name.startsWith(".")) {
        if (SPEC_FILE_NAMES.contains(name)) {
          problems.add(
              SpecProblem.error(
                  provider,
                  provider + "/" + name,
                  "",
                  "spec file sits directly in the provider folder; move it into a version"
                      + " folder: specs/"
                      + provider
                      + "/<version>/"
                      + name));
        }
        continue;
      }
      anyVersionFolder = true;
      Optional<SemanticVersion> version = SemanticVersion.tryParse(name);
      if (version.isEmpty()) {
        problems.add(
            SpecProblem.error(
                provider,
                provider + "/" + name,
                "",
                "version folder name '"
                    + name
                    + "' is not a semantic version; name it MAJOR.MINOR.PATCH, e.g. 1.2.0"));
        continue;
      }
      List<Path> specFiles = documents(versionDir);
      List<String> plain =
          specFiles.stream()
              .map(p -> p.getFileName().toString())
              .filter(SPEC_FILE_NAMES::contains)
              .toList();
      String rel = provider + "/" + name;
      if (specFiles.isEmpty()) {
        problems.add(
            SpecProblem.error(
                provider,
                rel,
                "",
                "version folder holds no spec; expected one of "
                    + String.join(", ", SPEC_FILE_NAMES)
                    + " (or several <name>.openapi.yaml/.json documents, merged)"));
      } else if (plain.size() > 1 || (plain.size() == 1 && specFiles.size() > 1)) {
        problems.add(
            SpecProblem.error(
                provider,
                rel,
                "",
                "version folder holds more than one spec ("
                    + specFiles.stream().map(p -> p.getFileName().toString()).toList()
                    + "); keep exactly one openapi.*, or name each of a provider's several"
                    + " documents <name>.openapi.yaml/.json"));
      } else {
        Path file = specFiles.get(0);
        found.add(
            new SpecFile(
                provider,
                version.get(),
                file,
                specFiles.size() == 1
                    ? root.relativize(file).toString().replace('\\', '/')
                    : rel
                        + "/{"
                        + String.join(
                            ",", specFiles.stream().map(p -> p.getFileName().toString()).toList())
                        + "}",
                specFiles));
      }
    }
    if (!anyVersionFolder) {
      problems.add(
          SpecProblem.error(
              provider,
              provider,
              "",
              "provider folder has no version folder; expected specs/"
                  + provider
                  + "/<version>/openapi.yaml"));
    }
    found.sort(Comparator.comparing(SpecFile::version));
    return found;
  }

  /**
   * The OpenAPI documents of a version folder, in file-name order: {@code openapi.*}, or the {@code
   * <name>.openapi.*} documents of a provider that publishes its API in several files.
   */
  static List<Path> documents(Path versionDir) {
    return children(versionDir).stream()
        .filter(Files::isRegularFile)
        .filter(
            p -> {
              String n = p.getFileName().toString();
              return SPEC_FILE_NAMES.contains(n)
                  || (!n.startsWith(".") && DOCUMENT_SUFFIXES.stream().anyMatch(n::endsWith));
            })
        .toList();
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public Path root() {
    return root;
  }

  /** Problems with the folder layout itself (not the spec contents). */
  public List<SpecProblem> problems() {
    return problems;
  }

  public Set<String> providers() {
    return versionsByProvider.keySet();
  }

  /** All versions of {@code provider}, oldest first. */
  public List<SpecFile> versions(String provider) {
    return versionsByProvider.getOrDefault(provider, List.of());
  }

  public List<SpecFile> allSpecs() {
    return versionsByProvider.values().stream().flatMap(List::stream).toList();
  }

  public Optional<SpecFile> newest(String provider) {
    List<SpecFile> v = versions(provider);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** The version before the newest, which the newest is compared with. */
  public Optional<SpecFile> previous(String provider) {
    List<SpecFile> v = versions(provider);
    return v.size() < 2 ? Optional.empty() : Optional.of(v.get(v.size() - 2));
  }
}
