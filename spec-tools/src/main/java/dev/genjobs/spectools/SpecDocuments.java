package dev.genjobs.spectools;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads spec files into Jackson trees and writes them back, keeping syntax errors located. */
public final class SpecDocuments {

  // A key given twice is an error in YAML and JSON objects; Jackson would silently keep the last.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private SpecDocuments() {}

  /** A spec file that is not valid YAML/JSON, with the place the parser stopped. */
  public static final class SyntaxException extends Exception {
    private final String location;

    SyntaxException(String location, String message, Throwable cause) {
      super(message, cause);
      this.location = location;
    }

    public String location() {
      return location;
    }
  }

  public static JsonNode read(SpecFile spec) throws IOException, SyntaxException {
    return read(spec.path(), spec.isJson());
  }

  public static JsonNode read(Path path, boolean json) throws IOException, SyntaxException {
    byte[] bytes = Files.readAllBytes(path);
    try {
      JsonNode node = (json ? JSON : YAML).readTree(bytes);
      if (node == null || node.isMissingNode() || node.isNull()) {
        throw new SyntaxException("", "file is empty", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new SyntaxException(
          where, (json ? "invalid JSON: " : "invalid YAML: ") + e.getOriginalMessage(), e);
    }
  }

  public static String toYaml(JsonNode node) throws IOException {
    return YAML.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  public static ObjectMapper yaml() {
    return YAML;
  }
}
