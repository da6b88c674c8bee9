package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLayoutTest {

  @TempDir Path dir;

  @Test
  void newestVersionIsChosenBySemanticVersionOrder() {
    SpecsFixture specs =
        new SpecsFixture(dir)
            .spec("acme", "1.9.0", "valid-3.0.yaml")
            .spec("acme", "1.10.0", "valid-3.0.yaml")
            .spec("acme", "1.2.0", "valid-3.0.yaml");

    SpecLayout layout = SpecLayout.scan(specs.root());

    assertThat(layout.problems()).isEmpty();
    assertThat(layout.newest("acme"))
        .get()
        .extracting(f -> f.version().toString())
        .isEqualTo("1.10.0");
    assertThat(layout.previous("acme"))
        .get()
        .extracting(f -> f.version().toString())
        .isEqualTo("1.9.0");
  }

  @Test
  void buildFoldersAreNotProviders() {
    SpecsFixture specs =
        new SpecsFixture(dir)
            .spec("acme", "1.0.0", "valid-3.0.yaml")
            .folder("src/main")
            .folder("target/x");

    assertThat(SpecLayout.scan(specs.root()).providers()).containsExactly("acme");
  }

  @Test
  void versionFolderThatIsNotASemanticVersionIsNamed() {
    SpecsFixture specs = new SpecsFixture(dir).spec("acme", "latest", "valid-3.0.yaml");

    assertThat(SpecLayout.scan(specs.root()).problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.provider()).isEqualTo("acme");
              assertThat(p.file()).isEqualTo("acme/latest");
              assertThat(p.message()).contains("'latest' is not a semantic version");
            });
  }

  @Test
  void providerFolderWithoutVersionFoldersIsAnError() {
    SpecsFixture specs =
        new SpecsFixture(dir).spec("acme", "1.0.0", "valid-3.0.yaml").folder("orphan");

    assertThat(SpecLayout.scan(specs.root()).problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.provider()).isEqualTo("orphan");
              assertThat(p.message()).contains("specs/orphan/<version>/openapi.yaml");
            });
  }

  @Test
  void specFileOutsideAVersionFolderIsAnError() throws Exception {
    SpecsFixture specs = new SpecsFixture(dir).spec("acme", "1.0.0", "valid-3.0.yaml");
    Files.writeString(dir.resolve("acme/openapi.yaml"), "openapi: 3.0.3");

    assertThat(SpecLayout.scan(specs.root()).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("move it into a version folder"));
  }

  @Test
  void versionFolderWithoutSpecOrWithTwoSpecsIsAnError() {
    SpecsFixture specs =
        new SpecsFixture(dir)
            .folder("acme/1.0.0")
            .spec("acme", "2.0.0", "valid-3.0.yaml", "openapi.yaml")
            .spec("acme", "2.0.0", "valid-3.0.yaml", "openapi.json");

    assertThat(SpecLayout.scan(specs.root()).problems())
        .extracting(SpecProblem::message)
        .anySatisfy(m -> assertThat(m).contains("holds no spec"))
        .anySatisfy(m -> assertThat(m).contains("more than one spec"));
  }

  @Test
  void validateFailsNamingTheProviderFolderAndFile() {
    SpecsFixture specs =
        new SpecsFixture(dir)
            .spec("good", "1.0.0", "valid-3.0.yaml")
            .spec("broken-provider", "1.0.0", "malformed.yaml");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(
            () -> validate(specs.root(), null, new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("1 spec error(s)")
        .hasMessageContaining(
            "provider 'broken-provider': specs/broken-provider/1.0.0/openapi.yaml at line");
  }

  @Test
  void validateWritesAnIndexTheCatalogReads() throws Exception {
    SpecsFixture specs =
        new SpecsFixture(dir.resolve("specs"))
            .spec("acme", "1.0.0", "valid-3.0.yaml")
            .spec("acme", "1.1.0", "valid-3.1.yaml");
    Path index = dir.resolve("out/specs/index.properties");

    validate(specs.root(), dir.resolve("out"), new PrintStream(new ByteArrayOutputStream()));

    Properties p = new Properties();
    try (var in = Files.newInputStream(index)) {
      p.load(in);
    }
    assertThat(p.getProperty("providers")).isEqualTo("acme");
    // Only the newest version's effective spec is packaged.
    assertThat(p.getProperty("acme.versions")).isEqualTo("1.1.0");
    assertThat(p.getProperty("acme.newest")).isEqualTo("1.1.0");
    assertThat(p.getProperty("acme.1.1.0.file")).isEqualTo("openapi.yaml");
  }

  @Test
  void manifestNamesTheSpecVersionOfEveryClient() throws Exception {
    String manifest =
        SpecPipeline.manifest(new java.util.LinkedHashMap<>(java.util.Map.of("acme", "1.10.0")));

    java.util.jar.Manifest parsed =
        new java.util.jar.Manifest(
            new java.io.ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed.getMainAttributes().getValue("Genjobs-Spec-acme")).isEqualTo("1.10.0");
    assertThat(parsed.getMainAttributes().getValue("Genjobs-Spec-Versions"))
        .isEqualTo("acme=1.10.0");
  }

  private void validate(Path specsRoot, Path packageRoot, PrintStream out) throws Exception {
    SpecPipeline.validate(
        SpecPipeline.effectiveSpecs(specsRoot, dir.resolve("effective"), out), packageRoot, out);
  }
}
