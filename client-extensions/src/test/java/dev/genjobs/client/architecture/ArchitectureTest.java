package dev.genjobs.client.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The library's architecture rules, run on its main classes; and the proof that each rule fails on
 * a deliberate violation (the {@code violation} fixture package, test sources only).
 */
class ArchitectureTest {

  private static final String LIBRARY = "dev.genjobs.client";
  private static final String FIXTURE = "dev.genjobs.client.architecture.violation";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(LIBRARY);

  private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void theLibraryHasClassesInEveryProviderAndSharedPackage() {
    // Guards the rules below against passing because a package was renamed away.
    for (String p : ArchitectureRules.PROVIDERS) {
      assertThat(MAIN.containPackage(LIBRARY + "." + p)).as(p).isTrue();
    }
    for (String p : ArchitectureRules.SHARED) {
      assertThat(MAIN.containPackage(LIBRARY + "." + p)).as(p).isTrue();
    }
  }

  @Test
  void sharedCodeDependsOnNoProvider() {
    ArchitectureRules.sharedCodeDependsOnNoProvider(LIBRARY).check(MAIN);
  }

  @Test
  void providersAreIndependent() {
    ArchitectureRules.providersAreIndependent(LIBRARY).check(MAIN);
  }

  @Test
  void aSharedClassThatNamesAProviderBreaksTheRule() {
    assertThatThrownBy(() -> ArchitectureRules.sharedCodeDependsOnNoProvider(FIXTURE).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("violation.core.LeakyRetry")
        .hasMessageContaining("violation.creative.CreativeOnlyRule");
  }

  @Test
  void aProviderThatUsesAnotherBreaksTheRule() {
    assertThatThrownBy(() -> ArchitectureRules.providersAreIndependent(FIXTURE).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("violation.unstructured.BorrowsFromCreative");
  }
}
