package dev.genjobs.standins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Adding a provider's stand-in touches its own package and the services file only: the shared
 * package names no provider, and no provider uses another's package.
 */
class StandInsArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.genjobs.standins");

  @Test
  void theRulesSeeEveryProviderPackage() {
    // Guards the rules below against passing because a package was renamed away.
    for (String p : new String[] {"creative", "creatify", "unstructured", "replicate"}) {
      assertThat(MAIN.containPackage("dev.genjobs.standins." + p)).as(p).isTrue();
    }
  }

  @Test
  void sharedCodeDependsOnNoProviderPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.genjobs.standins")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.genjobs.standins.(*)..")
        .check(MAIN);
  }

  @Test
  void providerPackagesAreIndependent() {
    slices().matching("dev.genjobs.standins.(*)..").should().notDependOnEachOther().check(MAIN);
  }
}
