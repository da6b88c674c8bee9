package dev.genjobs.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.genjobs.client.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** This module is built on the library's public API: never its core or internal packages. */
class UsesOnlyThePublicApiTest {

  @Test
  void noClassOfThisModuleUsesTheLibrarysCoreOrInternals() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.genjobs.cli", "dev.genjobs.client");
    ArchitectureRules.usesOnlyThePublicApi("dev.genjobs.cli..", "dev.genjobs.client")
        .check(classes);
  }
}
