package dev.genjobs.corpus;

import dev.genjobs.spectools.SpecPipeline;
import dev.genjobs.spectools.SpecValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Each corpus document built twice, once per JVM (the corpus and round-trip tests share them):
 * plain openapi-generator on the published file, and our pipeline as the genjobs Maven plugin runs
 * it followed by the generator configured like client-generated. Output stays under {@code
 * target/corpus/<name>/} to be looked at.
 */
final class CorpusBuilds {

  /**
   * Both builds of one document.
   *
   * @param plain plain openapi-generator on the published file
   * @param rejected our {@code validate} rejected the document (then {@code ours} is not built)
   * @param ours the generator on our generator input
   * @param codegenInput the generator input our pipeline wrote
   * @param millis time taken by both builds
   */
  record Builds(
      ClientBuild.Outcome plain,
      SpecValidationException rejected,
      ClientBuild.Outcome ours,
      Path codegenInput,
      long millis) {

    boolean oursCompiled() {
      return ours != null && ours.compiled();
    }
  }

  static final Path OUT = Path.of("target/corpus");
  private static final Path CLIENT_GENERATED_POM = Path.of("../client-generated/pom.xml");
  private static final Map<CorpusDocument, Builds> BUILT = new ConcurrentHashMap<>();

  private CorpusBuilds() {}

  static synchronized Builds of(CorpusDocument document) {
    return BUILT.computeIfAbsent(document, CorpusBuilds::build);
  }

  private static Builds build(CorpusDocument document) {
    long start = System.nanoTime();
    Path work = OUT.resolve((document.published() ? "" : "ours-") + document.name());
    try {
      deleteRecursively(work);
      ClientBuild.Outcome plain =
          ClientBuild.generateAndCompile(
              document.file(), GeneratorSettings.plain(), work.resolve("plain"));
      Path specs = work.resolve("ours/specs");
      Path spec =
          specs
              .resolve(document.name())
              .resolve("1.0.0")
              .resolve("openapi." + (document.isJson() ? "json" : "yaml"));
      Files.createDirectories(spec.getParent());
      Files.copy(document.file(), spec);
      Path input = work.resolve("ours/codegen-input");
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
        SpecPipeline.Effective effective =
            SpecPipeline.effectiveSpecs(specs, work.resolve("ours/effective"), out);
        SpecPipeline.validate(effective, null, out);
        SpecPipeline.prepareCodegen(effective, null, input, null, "corpus", List.of());
      } catch (SpecValidationException e) {
        return new Builds(plain, e, null, null, millisSince(start));
      }
      Path codegenInput = input.resolve(document.name()).resolve("openapi.yaml");
      ClientBuild.Outcome ours =
          ClientBuild.generateAndCompile(
              codegenInput,
              GeneratorSettings.clientGenerated(CLIENT_GENERATED_POM),
              work.resolve("ours/client"));
      return new Builds(plain, null, ours, codegenInput, millisSince(start));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build corpus document " + document, e);
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
