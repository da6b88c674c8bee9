package dev.genjobs.generated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.spectools.SpecFile;
import dev.genjobs.spectools.SpecLayout;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SpecVersions names the spec version each client was generated from. */
class SpecVersionsTest {

  /** The specs module next to this one, laid out as specs/provider/version/openapi.yaml. */
  private static final SpecLayout SPECS =
      SpecLayout.scan(
          Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
              .resolve("../specs")
              .normalize());

  static Stream<Arguments> constants() {
    return Stream.of(
        Arguments.of("creatify-inspiration", SpecVersions.CREATIFY_INSPIRATION),
        Arguments.of("creatify-asset-generator", SpecVersions.CREATIFY_ASSET_GENERATOR),
        Arguments.of("unstructured-platform", SpecVersions.UNSTRUCTURED_PLATFORM),
        Arguments.of("creative-api", SpecVersions.CREATIVE_API),
        Arguments.of("replicate", SpecVersions.REPLICATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constants")
  void givenProviderFolder_whenReadingItsConstant_thenItIsTheHighestSemanticVersion(
      String provider, String generatedVersion) {
    SpecFile newest = SPECS.newest(provider).orElseThrow();

    assertThat(generatedVersion).isEqualTo(newest.version().toString());
  }

  @Test
  void givenSpecsFolder_whenReadingAllVersions_thenEveryProviderFolderIsNamed() {
    assertThat(SPECS.problems()).isEmpty();

    assertThat(SpecVersions.ALL).containsOnlyKeys(SPECS.providers());
  }
}
