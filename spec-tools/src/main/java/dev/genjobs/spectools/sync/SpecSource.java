package dev.genjobs.spectools.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.spectools.SpecDocuments;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a provider publishes its spec: {@code specs/<provider>/source.yaml}.
 *
 * <pre>
 * # Where Unstructured publishes the spec; read by ./mvnw genjobs:sync.
 * documents:
 *   - url: https://docs.example.com/openapi.yaml   # fetched with GET
 *     file: openapi.yaml                           # its name in specs/&lt;provider&gt;/&lt;version&gt;/
 *     format: yaml                                 # yaml or json
 * </pre>
 *
 * A provider that publishes one API as several documents lists each; they are merged in file-name
 * order (see {@code EffectiveSpec}).
 */
public record SpecSource(String provider, Path file, List<Document> documents) {

  public static final String FILE_NAME = "source.yaml";

  /** One published document: where it is fetched from and the name it is stored under. */
  public record Document(URI url, String file, String format) {}

  public SpecSource {
    documents = List.copyOf(documents);
  }

  /** Reads {@code <specsRoot>/<provider>/source.yaml}; every problem is named in the exception. */
  public static SpecSource read(Path specsRoot, String provider) throws IOException {
    Path file = specsRoot.resolve(provider).resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new SyncException(
          file
              + " is missing: it records where provider '"
              + provider
              + "' publishes its spec (documents: - url, file, format). See specs/README.md.");
    }
    JsonNode root;
    try {
      root = SpecDocuments.read(file, false);
    } catch (SpecDocuments.SyntaxException e) {
      throw new SyncException(file + " " + e.location() + ": " + e.getMessage());
    }
    List<Document> documents = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int i = 0;
    for (JsonNode d : root.path("documents")) {
      i++;
      String url = d.path("url").asText("");
      String name = d.path("file").asText("");
      String format = d.path("format").asText(name.endsWith(".json") ? "json" : "yaml");
      if (url.isBlank()) problems.add("documents #" + i + ": 'url' is missing");
      if (!name.matches("(openapi|[A-Za-z0-9._-]+\\.openapi)\\.(yaml|yml|json)")) {
        problems.add(
            "documents #"
                + i
                + ": 'file' must be openapi.yaml/.json or <name>.openapi.yaml/.json, got '"
                + name
                + "'");
      }
      if (!format.equals("yaml") && !format.equals("json")) {
        problems.add("documents #" + i + ": 'format' must be yaml or json, got '" + format + "'");
      }
      URI uri = null;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        problems.add("documents #" + i + ": 'url' is not a URL: " + url);
      }
      documents.add(new Document(uri, name, format));
    }
    if (documents.isEmpty()) {
      problems.add("'documents' lists no document");
    }
    if (!problems.isEmpty()) {
      throw new SyncException(file + " is invalid:\n  " + String.join("\n  ", problems));
    }
    return new SpecSource(provider, file, documents);
  }

  /**
   * The same documents fetched from {@code urls} instead (a test server, a mirror): one URL per
   * document, in the order of this file.
   */
  public SpecSource from(List<URI> urls) {
    if (urls.size() != documents.size()) {
      throw new SyncException(
          "--from gives "
              + urls.size()
              + " URL(s), but "
              + file
              + " lists "
              + documents.size()
              + " document(s); give one URL per document, comma-separated, in that order");
    }
    List<Document> replaced = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      Document d = documents.get(i);
      replaced.add(new Document(urls.get(i), d.file(), d.format()));
    }
    return new SpecSource(provider, file, replaced);
  }
}
