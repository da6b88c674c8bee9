package dev.genjobs.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One document of the corpus: {@code src/test/resources/corpus/published/<name>/<file>} (a real
 * published OpenAPI document, byte for byte; see {@code SOURCES.md}) or {@code
 * .../corpus/ours/<name>/<file>} (a fixture we wrote to pin one pipeline bug each).
 *
 * @param name the folder name, used as the provider name in the pipeline
 * @param published whether a provider published it (else it is one of our fixtures)
 * @param file the document
 */
record CorpusDocument(String name, boolean published, Path file) {

  static final Path ROOT = Path.of("src/test/resources/corpus");

  /**
   * Every document, or only those named in the system property {@code corpus.documents}
   * (comma-separated folder names), to run a few: {@code -Dcorpus.documents=recraft,yaml-values}.
   */
  static List<CorpusDocument> all() {
    String only = System.getProperty("corpus.documents", "");
    List<String> names = only.isBlank() ? List.of() : List.of(only.split(","));
    return Stream.concat(in("published", true), in("ours", false))
        .filter(d -> names.isEmpty() || names.contains(d.name()))
        .toList();
  }

  private static Stream<CorpusDocument> in(String folder, boolean published) {
    try (Stream<Path> dirs = Files.list(ROOT.resolve(folder))) {
      return dirs
          .filter(Files::isDirectory)
          .sorted()
          .map(dir -> new CorpusDocument(dir.getFileName().toString(), published, onlyFile(dir)))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path onlyFile(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> docs =
          files.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
      if (docs.size() != 1) {
        throw new IllegalStateException(dir + " must hold exactly one document: " + docs);
      }
      return docs.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isJson() {
    return file.getFileName().toString().endsWith(".json");
  }

  @Override
  public String toString() {
    return (published ? "" : "ours/") + name;
  }
}
