package dev.genjobs.spring.boot;

/**
 * genjobs validates inputs with json-schema-validator 3, which runs on Jackson 3; Jackson 3 uses
 * the Jackson 2 annotations jar, from 2.20 on. Spring Boot 3.5 manages Jackson 2.19, so an
 * application that does not raise it would fail on the first validated request, deep in a call.
 * Checked at startup instead, naming the fix.
 */
final class JacksonAlignment {

  /** A class jackson-annotations has from 2.20 on, which Jackson 3 needs. */
  static final String MARKER = "com.fasterxml.jackson.annotation.JsonSerializeAs";

  private JacksonAlignment() {}

  static void check(ClassLoader loader) {
    try {
      Class.forName(MARKER, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "genjobs needs com.fasterxml.jackson.core:jackson-annotations 2.20 or newer (its schema"
              + " validator runs on Jackson 3, which uses the 2.x annotations); this application"
              + " has an older one, e.g. Spring Boot 3.5's Jackson 2.19. Set the Maven property"
              + " jackson-bom.version to 2.20.0 or newer (genjobs is built with 2.23.0).",
          e);
    }
  }
}
