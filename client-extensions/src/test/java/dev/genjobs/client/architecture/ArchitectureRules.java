package dev.genjobs.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * What may depend on what inside the library, as ArchUnit rules over a root package, so that the
 * same rules run on the library ({@code dev.genjobs.client}) and on a deliberately broken fixture.
 */
final class ArchitectureRules {

  /** The provider packages: each holds all knowledge of one provider (or one provider family). */
  static final List<String> PROVIDERS = List.of("creatify", "creative", "unstructured");

  /** Shared code: it must work for any provider, so it names none. */
  static final List<String> SHARED =
      List.of(
          "core", "jobs", "store", "webhooks", "observability", "errors", "validation", "upload");

  private ArchitectureRules() {}

  /** Shared packages do not depend on any provider package. */
  static ArchRule sharedCodeDependsOnNoProvider(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages(root, SHARED))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages(root, PROVIDERS))
        .because(
            "shared code works for every provider; what one provider needs lives in its package")
        .allowEmptyShould(true);
  }

  /** No provider package depends on another: adding or removing one touches no other. */
  static ArchRule providersAreIndependent(String root) {
    List<ArchRule> rules = new ArrayList<>();
    for (String provider : PROVIDERS) {
      List<String> others = new ArrayList<>(PROVIDERS);
      others.remove(provider);
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(root + "." + provider + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(packages(root, others))
              .because("a provider is a contained change")
              .allowEmptyShould(true));
    }
    return CompositeArchRule.of(rules);
  }

  private static String[] packages(String root, List<String> names) {
    return names.stream().map(n -> root + "." + n + "..").toArray(String[]::new);
  }
}
