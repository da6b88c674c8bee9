package dev.genjobs.contracts.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code publish-pacts} profile cannot run here (no broker), so its configuration is checked
 * against what it must agree with: the publish goal's real parameters (from the plugin's own
 * descriptor; Maven ignores an unknown parameter silently), the directory the consumer tests write
 * to, and the environment variables and git properties the README tells users to set.
 */
class PublishPactsProfileTest {

  private static Element pom;
  private static Element profilePlugin;
  private static Map<String, String> configuration;

  @BeforeAll
  static void readPom() throws Exception {
    Path file = Path.of(System.getProperty("contract-tests.pom", "pom.xml"));
    pom = parse(file.toUri().toURL()).getDocumentElement();
    Element profile =
        children(child(pom, "profiles"), "profile").stream()
            .filter(p -> "publish-pacts".equals(text(p, "id")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no publish-pacts profile in " + file));
    profilePlugin =
        children(child(child(profile, "build"), "plugins"), "plugin").stream()
            .filter(
                p ->
                    "au.com.dius.pact.provider".equals(text(p, "groupId"))
                        && "maven".equals(text(p, "artifactId")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the profile does not use Pact's Maven plugin"));
    configuration = new LinkedHashMap<>();
    for (Element e : children(child(profilePlugin, "configuration"), null)) {
      configuration.put(e.getTagName(), e.getTextContent().trim());
    }
  }

  @Test
  void thePublishGoalRunsInVerifyAfterTheSpecCheck() {
    Element execution = children(child(profilePlugin, "executions"), "execution").get(0);

    assertThat(text(execution, "phase")).isEqualTo("verify");
    assertThat(children(child(execution, "goals"), "goal"))
        .extracting(Node::getTextContent)
        .containsExactly("publish");
  }

  @Test
  void everyConfiguredParameterIsOneThePublishGoalHas() throws Exception {
    List<String> parameters = publishGoalParameters();

    assertThat(parameters).contains("projectVersion", "branchName", "pactBrokerToken");
    assertThat(configuration.keySet()).isSubsetOf(parameters);
  }

  @Test
  void brokerUrlAndTokenComeFromTheEnvironment() {
    assertThat(configuration)
        .containsEntry("pactBrokerUrl", "${env.PACT_BROKER_BASE_URL}")
        .containsEntry("pactBrokerToken", "${env.PACT_BROKER_TOKEN}");
  }

  @Test
  void consumerVersionAndBranchAreTheGitProperties() {
    assertThat(configuration)
        .containsEntry("projectVersion", "${pact.consumer.version}")
        .containsEntry("branchName", "${pact.consumer.branch}");
    String enforcerRules = rulesOfEnforcerInProfile();
    assertThat(enforcerRules)
        .contains("PACT_BROKER_BASE_URL", "PACT_BROKER_TOKEN")
        .contains("pact.consumer.version", "pact.consumer.branch");
  }

  @Test
  void itPublishesTheDirectoryTheConsumerTestsWriteTo() {
    Element surefire =
        children(child(child(pom, "build"), "plugins"), "plugin").stream()
            .filter(p -> "maven-surefire-plugin".equals(text(p, "artifactId")))
            .findFirst()
            .orElseThrow();
    String writtenTo =
        child(child(child(surefire, "configuration"), "systemPropertyVariables"), "pact.rootDir")
            .getTextContent()
            .trim();

    assertThat(configuration.get("pactDirectory")).isEqualTo(writtenTo);
  }

  private static String rulesOfEnforcerInProfile() {
    Element profile =
        children(child(pom, "profiles"), "profile").stream()
            .filter(p -> "publish-pacts".equals(text(p, "id")))
            .findFirst()
            .orElseThrow();
    return children(child(child(profile, "build"), "plugins"), "plugin").stream()
        .filter(p -> "maven-enforcer-plugin".equals(text(p, "artifactId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no enforcer rules in the profile"))
        .getTextContent();
  }

  /** The publish goal's parameter names, from the plugin jar's META-INF/maven/plugin.xml. */
  private static List<String> publishGoalParameters() throws Exception {
    for (URL url :
        Collections.list(
            PublishPactsProfileTest.class
                .getClassLoader()
                .getResources("META-INF/maven/plugin.xml"))) {
      Element plugin = parse(url).getDocumentElement();
      if (!"au.com.dius.pact.provider".equals(text(plugin, "groupId"))) continue;
      for (Element mojo : children(child(plugin, "mojos"), "mojo")) {
        if ("publish".equals(text(mojo, "goal"))) {
          List<String> names = new ArrayList<>();
          for (Element p : children(child(mojo, "parameters"), "parameter")) {
            names.add(text(p, "name"));
          }
          return names;
        }
      }
    }
    throw new AssertionError("Pact's Maven plugin descriptor is not on the test classpath");
  }

  // --- a little DOM ---------------------------------------------------------------------------

  private static Document parse(URL url) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (InputStream in = url.openStream()) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    if (found.isEmpty())
      throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    return found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name == null || e.getTagName().equals(name))) out.add(e);
    }
    return out;
  }

  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0).getTextContent().trim();
  }
}
