package dev.genjobs.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How openapi-generator is configured: as {@code client-generated/pom.xml} configures its Maven
 * plugin (read from the pom itself, so the corpus tests what the build does), or stock.
 *
 * @param generatorName e.g. {@code java}
 * @param library e.g. {@code feign}
 * @param configOptions the plugin's {@code <configOptions>} (the generator's additional properties)
 * @param mappings the plugin's {@code <typeMappings>}, {@code <importMappings>}, ... by element
 *     name
 */
record GeneratorSettings(
    String generatorName,
    String library,
    Map<String, String> configOptions,
    Map<String, Map<String, String>> mappings) {

  /** Elements of the plugin's configuration the corpus applies, or knows not to matter here. */
  private static final Set<String> HANDLED =
      Set.of(
          "generatorName",
          "library",
          "configOptions",
          // Only about when the plugin runs, or about tests and docs, which are not compiled here.
          "skipIfSpecIsUnchanged",
          "generateApiTests",
          "generateModelTests",
          "generateApiDocumentation",
          "generateModelDocumentation");

  private static final Set<String> KNOWN_MAPPINGS =
      Set.of("typeMappings", "importMappings", "schemaMappings", "inlineSchemaNameMappings");

  /**
   * Plain openapi-generator: the {@code java}/{@code feign} defaults, with only what lets its
   * output compile against the same classpath as ours (Jakarta annotations; no timestamp).
   */
  static GeneratorSettings plain() {
    return new GeneratorSettings(
        "java",
        "feign",
        Map.of("useJakartaEe", "true", "hideGenerationTimestamp", "true"),
        Map.of());
  }

  /** The shared {@code <configuration>} of client-generated's openapi-generator-maven-plugin. */
  static GeneratorSettings clientGenerated(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    NodeList plugins = project.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("openapi-generator-maven-plugin".equals(childText(plugin, "artifactId"))) {
        Element configuration = child(plugin, "configuration");
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
        for (Element e : children(configuration)) {
          String name = e.getTagName();
          if (!HANDLED.contains(name) && !name.endsWith("Mappings")) {
            // A new option in the pom would otherwise be silently left out of the corpus build.
            throw new IllegalStateException(
                "the corpus does not pass <" + name + "> to the generator yet: add it");
          }
          if (name.equals("configOptions")) {
            children(e).forEach(o -> options.put(o.getTagName(), o.getTextContent().trim()));
          } else if (name.endsWith("Mappings")) {
            if (!KNOWN_MAPPINGS.contains(name)) {
              throw new IllegalStateException(
                  "the corpus does not pass <" + name + "> to the generator yet: add it");
            }
            Map<String, String> pairs = new LinkedHashMap<>();
            for (Element m : children(e)) {
              String text = m.getTextContent().trim();
              int eq = text.indexOf('=');
              pairs.put(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
            }
            mappings.put(name, pairs);
          }
        }
        return new GeneratorSettings(
            childText(configuration, "generatorName"),
            childText(configuration, "library"),
            options,
            mappings);
      }
    }
    throw new IllegalStateException("no openapi-generator-maven-plugin in " + pom);
  }

  private static Element child(Element parent, String name) {
    return children(parent).stream()
        .filter(e -> e.getTagName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no <" + name + "> in " + parent));
  }

  private static String childText(Element parent, String name) {
    return children(parent).stream()
        .filter(e -> e.getTagName().equals(name))
        .map(e -> e.getTextContent().trim())
        .findFirst()
        .orElse(null);
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) out.add(e);
    }
    return out;
  }
}
