package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class SpecDocumentsTest {

  /** Strings a YAML 1.1 reader (SnakeYAML, inside Swagger Parser) would type if left plain. */
  private static final List<String> TYPED_WHEN_PLAIN =
      List.of(
          "16:9",
          "1:1",
          "9:16",
          "yes",
          "no",
          "on",
          "off",
          "Yes",
          "OFF",
          "y",
          "n",
          "0755",
          "0x1F",
          "1_000",
          "1e3",
          ".inf",
          "-.Inf",
          ".NaN",
          "2024-01-01",
          "2001-12-14t21:59:43.10-05:00",
          "~",
          "null",
          "Null",
          "",
          "=",
          "<<",
          "true",
          "False",
          "12",
          "-3.5",
          "+1");

  /** Reads YAML the way Swagger Parser's YAML 1.1 reader does. */
  private static Object readAsYaml11(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @Test
  void everyStringAYaml11ReaderWouldTypeIsWrittenSoItReadsBackAsTheSameString() throws Exception {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    TYPED_WHEN_PLAIN.forEach(v -> tree.put(v, v));

    String yaml = SpecDocuments.toYaml(tree);

    Map<?, ?> read = (Map<?, ?>) readAsYaml11(yaml);
    for (String v : TYPED_WHEN_PLAIN) {
      assertThat(read.get(v)).as("value and key %s in%n%s", v, yaml).isEqualTo(v);
    }
  }

  @Test
  void plainStringsStayUnquoted() throws Exception {
    ObjectNode tree = JsonNodeFactory.instance.objectNode().put("ratio", "landscape_16_9");

    assertThat(SpecDocuments.toYaml(tree)).isEqualTo("ratio: landscape_16_9\n");
  }

  @Test
  void anEmptyYamlValueIsReadAsNullNotAsAnEmptyString(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("openapi.yaml");
    Files.writeString(file, "nothing:\nempty: ''\n");

    JsonNode tree = SpecDocuments.read(file, false);

    assertThat(tree.get("nothing").isNull()).isTrue();
    assertThat(tree.get("empty").asText("not text")).isEmpty();
    assertThat(readAsYaml11(SpecDocuments.toYaml(tree)))
        .isEqualTo(readAsYaml11("nothing:\nempty: ''\n"));
  }
}
