package dev.genjobs.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What may depend on what inside the library, as ArchUnit rules over a root package, so that the
 * same rules run on the library ({@code dev.genjobs.client}), on a deliberately broken fixture, and
 * (from the test jar) on the modules built on the library.
 */
public final class ArchitectureRules {

  /** Shared code: it must work for any provider, so it names none. */
  public static final List<String> SHARED =
      List.of(
          "core",
          "jobs",
          "store",
          "webhooks",
          "observability",
          "errors",
          "validation",
          "upload",
          "spi");

  /** The facade: what users build and call; shared code gets its settings through core. */
  public static final List<String> FACADE = List.of("GenJobsClient", "ClientOptions");

  /** Packages no code outside the library uses: its engine, not its API. */
  public static final List<String> INTERNAL = List.of("core..", "..internal..");

  private ArchitectureRules() {}

  /**
   * The provider packages: every package right under {@code root} that is not shared. Computed, so
   * a new provider is held to the rules without editing them.
   */
  public static List<String> providerPackages(JavaClasses classes, String root) {
    TreeSet<String> found = new TreeSet<>();
    for (JavaClass c : classes) {
      String pkg = c.getPackageName();
      if (!pkg.startsWith(root + ".")) continue;
      String first = pkg.substring(root.length() + 1).split("\\.")[0];
      if (!SHARED.contains(first)) found.add(first);
    }
    return List.copyOf(found);
  }

  /**
   * One HTTP client: every call goes through {@code core.HttpTransport} (one pool, one timeout
   * model, threads the library owns), so no library class uses the JDK's {@code java.net.http}
   * client beside it.
   */
  public static ArchRule oneHttpClient(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.net.http..")
        .as("library classes send HTTP only through core.HttpTransport, never java.net.http")
        .because("one pool, one timeout model and the library's own threads cover every call");
  }

  /** Shared packages do not depend on any provider package. */
  public static ArchRule sharedCodeDependsOnNoProvider(String root, List<String> providers) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages(root, SHARED))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages(root, providers))
        .because(
            "shared code works for every provider; what one provider needs lives in its package")
        .allowEmptyShould(true);
  }

  /** Shared packages do not depend on the facade: it is built on them, not the other way. */
  public static ArchRule sharedCodeDependsOnNoFacade(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages(root, SHARED))
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(root + "." + FACADE.get(0))
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(root + "." + FACADE.get(1))
        .because("the facade is built on the shared code (settings reach it as ClientSettings)")
        .allowEmptyShould(true);
  }

  /** No provider package depends on another: adding or removing one touches no other. */
  public static ArchRule providersAreIndependent(String root, List<String> providers) {
    List<ArchRule> rules = new ArrayList<>();
    for (String provider : providers) {
      List<String> others = new ArrayList<>(providers);
      others.remove(provider);
      if (others.isEmpty()) continue;
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

  /**
   * Code outside the library ({@code outside}, e.g. {@code dev.genjobs.cli..}) uses only its API:
   * not {@code core} nor any {@code internal} package under {@code root}.
   */
  public static ArchRule usesOnlyThePublicApi(String outside, String root) {
    return noClasses()
        .that()
        .resideInAPackage(outside)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(root + ".core..", root + "..internal..")
        .because(
            "core and internal packages are the library's engine, free to change; the API is the"
                + " facade, jobs, webhooks, errors, store, observability and the provider packages")
        .allowEmptyShould(true);
  }

  private static String[] packages(String root, List<String> names) {
    return names.stream().map(n -> root + "." + n + "..").toArray(String[]::new);
  }
}
