package dev.genjobs.client.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library's architecture rules, run on its main classes; and the proof that each rule fails on
 * a deliberate violation (the {@code violation} fixture packages, test sources only).
 */
class ArchitectureTest {

  private static final String LIBRARY = "dev.genjobs.client";
  private static final String FIXTURE = "dev.genjobs.client.architecture.violation";
  private static final String OUTSIDER = "dev.genjobs.client.architecture.outsider";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(LIBRARY);

  private static final JavaClasses BROKEN =
      new ClassFileImporter().importPackages(FIXTURE, OUTSIDER);

  private static final List<String> PROVIDERS = ArchitectureRules.providerPackages(MAIN, LIBRARY);

  @Test
  void theProviderPackagesAreFoundAndEverySharedPackageHasClasses() {
    // Guards the rules below against passing because a package was renamed away.
    assertThat(PROVIDERS).contains("creatify", "creative", "unstructured");
    for (String p : ArchitectureRules.SHARED) {
      assertThat(MAIN.containPackage(LIBRARY + "." + p)).as(p).isTrue();
    }
  }

  @Test
  void sharedCodeDependsOnNoProvider() {
    ArchitectureRules.sharedCodeDependsOnNoProvider(LIBRARY, PROVIDERS).check(MAIN);
  }

  @Test
  void everyCallGoesThroughTheOneHttpClient() {
    ArchitectureRules.oneHttpClient(LIBRARY).check(MAIN);
  }

  @Test
  void aClassWithAnHttpClientOfItsOwnBreaksTheRule() {
    assertThatThrownBy(() -> ArchitectureRules.oneHttpClient(FIXTURE).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("violation.creative.SideChannelDownload");
  }

  @Test
  void sharedCodeDependsOnNoFacade() {
    ArchitectureRules.sharedCodeDependsOnNoFacade(LIBRARY).check(MAIN);
  }

  @Test
  void providersAreIndependent() {
    ArchitectureRules.providersAreIndependent(LIBRARY, PROVIDERS).check(MAIN);
  }

  @Test
  void aSharedClassThatNamesAProviderBreaksTheRule() {
    List<String> providers = ArchitectureRules.providerPackages(BROKEN, FIXTURE);
    assertThat(providers).containsExactly("creative", "unstructured");
    assertThatThrownBy(
            () -> ArchitectureRules.sharedCodeDependsOnNoProvider(FIXTURE, providers).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("violation.core.LeakyRetry")
        .hasMessageContaining("violation.creative.CreativeOnlyRule");
  }

  @Test
  void aSharedClassThatUsesTheFacadeBreaksTheRule() {
    assertThatThrownBy(() -> ArchitectureRules.sharedCodeDependsOnNoFacade(FIXTURE).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("violation.core.ReadsTheFacade")
        .hasMessageContaining("violation.ClientOptions");
  }

  @Test
  void aProviderThatUsesAnotherBreaksTheRule() {
    List<String> providers = ArchitectureRules.providerPackages(BROKEN, FIXTURE);
    assertThatThrownBy(
            () -> ArchitectureRules.providersAreIndependent(FIXTURE, providers).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("violation.unstructured.BorrowsFromCreative");
  }

  @Test
  void codeOutsideTheLibraryThatUsesCoreBreaksTheRule() {
    assertThatThrownBy(
            () -> ArchitectureRules.usesOnlyThePublicApi(OUTSIDER + "..", FIXTURE).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("outsider.ReachesIntoCore")
        .hasMessageContaining("violation.core.LeakyRetry");
  }
}
