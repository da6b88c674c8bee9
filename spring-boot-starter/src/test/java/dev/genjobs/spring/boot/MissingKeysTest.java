package dev.genjobs.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Startup fails, naming the property, when a configured provider lacks a key. */
@ExtendWith(OutputCaptureExtension.class)
class MissingKeysTest {

  private static Throwable start(String... properties) {
    return catchThrowable(
        () ->
            new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run()
                .close());
  }

  private static MissingGenJobsKeyException missingKey(Throwable startup) {
    Throwable t = startup;
    while (t != null && !(t instanceof MissingGenJobsKeyException)) t = t.getCause();
    assertThat(t).as("cause of %s", startup).isInstanceOf(MissingGenJobsKeyException.class);
    return (MissingGenJobsKeyException) t;
  }

  @Test
  void creatifyWithAKeyButNoIdFailsNamingTheIdProperty(CapturedOutput output) {
    Throwable startup = start("genjobs.creatify.api-key=k");

    assertThat(missingKey(startup).properties()).containsExactly("genjobs.creatify.api-id");
    assertThat(output).contains("APPLICATION FAILED TO START").contains("genjobs.creatify.api-id");
  }

  @Test
  void aProviderEnabledWithoutItsKeyFailsNamingTheKeyProperty() {
    Throwable startup =
        start("genjobs.creative-api.api-key=k", "genjobs.unstructured.enabled=true");

    assertThat(missingKey(startup).properties()).containsExactly("genjobs.unstructured.api-key");
    assertThat(missingKey(startup)).hasMessageContaining("genjobs.unstructured.api-key");
  }

  @Test
  void noProviderConfiguredFailsNamingEveryKeyProperty() {
    Throwable startup = start();

    assertThat(missingKey(startup).properties())
        .contains("genjobs.creative-api.api-key", "genjobs.unstructured.api-key");
  }

  @Test
  void aKeyIsNeverPrintedInTheFailure(CapturedOutput output) {
    start("genjobs.creatify.api-key=super-secret-value");

    assertThat(output).doesNotContain("super-secret-value");
  }

  @Test
  void turnedOffTheStarterNeedsNoKeys() {
    assertThat(start("genjobs.enabled=false")).isNull();
  }
}
