package dev.genjobs.spectools;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads spec files into Jackson trees and writes them back, keeping syntax errors located, and
 * keeping every value's type: what we write is read back by Swagger Parser (inside
 * openapi-generator and our validation), which reads YAML with SnakeYAML's YAML 1.1 rules.
 */
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
                  .stringQuotingChecker(new Yaml11QuotingChecker())
                  // An empty value (`default:`) is null, as Swagger Parser reads it. The feature is
                  // on by default, but a factory made by YAMLFactory.builder() starts without it
                  // (measured with 2.23: `a:` was read as "").
                  .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                  .build())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private SpecDocuments() {}

  /**
   * Quotes every string that a YAML 1.1 reader would not read back as a string. Jackson's own
   * checker (MINIMIZE_QUOTES) follows YAML 1.2 and leaves {@code 16:9} plain, which SnakeYAML reads
   * as the base-60 integer 969 (so a generated client's default aspect ratio was "969"); the same
   * for {@code 1:1} (61), dates, {@code =} and {@code <<}. The reader's own resolver decides, so
   * nothing is left to a list of cases.
   */
  static final class Yaml11QuotingChecker extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Resolver YAML_11 = new Resolver();

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || !readsAsString(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || !readsAsString(value);
    }

    /** Whether SnakeYAML resolves {@code plain}, written unquoted, to a string. */
    static boolean readsAsString(String plain) {
      return Tag.STR.equals(YAML_11.resolve(NodeId.scalar, plain, true));
    }
  }

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
