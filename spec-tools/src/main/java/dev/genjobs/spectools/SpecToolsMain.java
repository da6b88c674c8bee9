package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build entry point, run by exec-maven-plugin inside Maven's JVM (no fork, so it costs
 * milliseconds). Failures are thrown, not {@code System.exit}ed, so Maven reports them.
 *
 * <ul>
 *   <li>{@code validate <specsRoot> <indexFile>}: checks layout and every spec; writes the index.
 *   <li>{@code prepare-codegen <specsRoot> <overlayDir> <outDir> <javaOutDir> <generatorVersion>
 *       <configFile>...}: writes the newest spec of each provider, rewritten for the generator, to
 *       {@code <outDir>/<provider>/openapi.yaml} and a {@code SpecVersions} class.
 * </ul>
 */
public final class SpecToolsMain {

  private SpecToolsMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: validate|prepare-codegen ...");
    }
    switch (args[0]) {
      case "validate" -> validate(Path.of(args[1]), Path.of(args[2]), System.out);
      case "prepare-codegen" ->
          prepareCodegen(
              Path.of(args[1]),
              Path.of(args[2]),
              Path.of(args[3]),
              Path.of(args[4]),
              args[5],
              List.of(args).subList(6, args.length).stream().map(Path::of).toList());
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  /** Validates every spec; prints warnings; throws listing every error. */
  public static SpecLayout validate(Path specsRoot, Path indexFile, PrintStream out)
      throws IOException {
    SpecLayout layout = SpecLayout.scan(specsRoot);
    List<SpecProblem> problems = new ArrayList<>(layout.problems());
    SpecValidator validator = new SpecValidator();
    for (SpecFile spec : layout.allSpecs()) {
      problems.addAll(validator.validate(spec));
    }
    List<SpecProblem> errors = problems.stream().filter(SpecProblem::isError).toList();
    problems.stream().filter(p -> !p.isError()).forEach(p -> out.println("[spec] " + p.describe()));
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(errors.size()).append(" spec error(s) in ").append(specsRoot).append(':');
      errors.forEach(e -> sb.append(System.lineSeparator()).append("  ").append(e.describe()));
      errors.forEach(e -> out.println("[spec] " + e.describe()));
      throw new SpecValidationException(sb.toString(), errors);
    }
    for (String provider : layout.providers()) {
      out.println(
          "[spec] OK provider '"
              + provider
              + "': versions "
              + layout.versions(provider).stream().map(s -> s.version().toString()).toList()
              + ", newest "
              + layout.newest(provider).orElseThrow().relativePath());
    }
    if (indexFile != null) {
      // Unchanged bytes keep the jar unchanged, so modules depending on it do not recompile.
      writeIfChanged(indexFile, SpecCatalog.index(layout));
    }
    return layout;
  }

  static void prepareCodegen(
      Path specsRoot,
      Path overlayDir,
      Path outDir,
      Path javaOutDir,
      String generatorVersion,
      List<Path> configFiles)
      throws IOException {
    SpecLayout layout = SpecLayout.scan(specsRoot);
    if (!layout.problems().isEmpty()) {
      throw new SpecValidationException(
          "specs layout is invalid: " + layout.problems().get(0).describe(), layout.problems());
    }
    Map<String, String> versions = new LinkedHashMap<>();
    for (String provider : layout.providers()) {
      SpecFile newest = layout.newest(provider).orElseThrow();
      Path overlayFile = overlayDir.resolve(provider + ".overlay.yaml");
      List<Path> fingerprinted = new ArrayList<>(configFiles);
      if (Files.isRegularFile(overlayFile)) fingerprinted.add(overlayFile);
      String fingerprint =
          CodegenInput.fingerprint(
              List.of(generatorVersion, newest.version().toString()), fingerprinted);
      JsonNode spec;
      try {
        spec = SpecDocuments.read(newest);
      } catch (SpecDocuments.SyntaxException e) {
        throw new IOException(newest.relativePath() + " " + e.location() + ": " + e.getMessage());
      }
      CodegenInput.rewrite((ObjectNode) spec, Overlay.read(overlayFile), fingerprint);
      writeIfChanged(outDir.resolve(provider).resolve("openapi.yaml"), SpecDocuments.toYaml(spec));
      versions.put(provider, newest.version().toString());
    }
    writeIfChanged(
        javaOutDir.resolve("dev/genjobs/generated/SpecVersions.java"),
        specVersionsSource(versions));
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

  // Unchanged bytes keep file timestamps, so the compiler and the generator see nothing to do.
  private static void writeIfChanged(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
