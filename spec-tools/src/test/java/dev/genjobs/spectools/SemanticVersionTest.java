package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

  @Test
  void ordersNumericallyNotLexically() {
    List<String> sorted =
        Stream.of("1.10.0", "1.9.0", "1.2.3", "10.0.0", "2.0.0")
            .map(SemanticVersion::parse)
            .sorted()
            .map(SemanticVersion::toString)
            .toList();

    assertThat(sorted).containsExactly("1.2.3", "1.9.0", "1.10.0", "2.0.0", "10.0.0");
  }

  @Test
  void preReleaseSortsBeforeItsRelease() {
    assertThat(SemanticVersion.parse("2.0.0-beta.2"))
        .isLessThan(SemanticVersion.parse("2.0.0"))
        .isGreaterThan(SemanticVersion.parse("2.0.0-beta.1"))
        .isGreaterThan(SemanticVersion.parse("1.99.99"));
    assertThat(SemanticVersion.parse("1.0.0-alpha.10"))
        .isGreaterThan(SemanticVersion.parse("1.0.0-alpha.9"));
  }

  @Test
  void rejectsNamesThatAreNotVersions() {
    assertThat(SemanticVersion.tryParse("latest")).isEmpty();
    assertThat(SemanticVersion.tryParse("1.0")).isEmpty();
    assertThat(SemanticVersion.tryParse("v1.0.0")).isEmpty();
    assertThatThrownBy(() -> SemanticVersion.parse("01.0.0"))
        .hasMessageContaining("'01.0.0' is not a semantic version");
  }
}
