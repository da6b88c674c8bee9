package dev.genjobs.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code genjobs.providers.<id>.*}: any registered provider, configured the same way. */
class ProviderSettingsTest {

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(TestApplication.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .run();
  }

  @Test
  void aProvidersKeysAndBaseUrlBindByItsIdAndTheVariablesItsModuleNames() {
    try (ConfigurableApplicationContext app =
        start(
            "genjobs.providers.creative-api.keys.creative-api-key=k1",
            "genjobs.providers.creative-api.base-url=http://127.0.0.1:9/v9")) {
      ClientOptions options = app.getBean(GenJobsClient.class).options();

      assertThat(options.key("CREATIVE_API_KEY").reveal()).isEqualTo("k1");
      assertThat(options.baseUrl(Provider.CREATIVE_API))
          .isEqualTo(URI.create("http://127.0.0.1:9/v9"));
      assertThat(options.key("UNSTRUCTURED_API_KEY").isPresent()).isFalse();
    }
  }

  @Test
  void aKeyMayBeWrittenAsItsVariable() {
    try (ConfigurableApplicationContext app =
        start("genjobs.providers.unstructured-platform.keys[UNSTRUCTURED_API_KEY]=k2")) {
      assertThat(app.getBean(GenJobsClient.class).options().key("UNSTRUCTURED_API_KEY").reveal())
          .isEqualTo("k2");
    }
  }

  @Test
  void theGenericSettingsWinOverTheFormerPropertyNames() {
    try (ConfigurableApplicationContext app =
        start(
            "genjobs.creative-api.api-key=old",
            "genjobs.creative-api.base-url=http://127.0.0.1:9/old",
            "genjobs.providers.creative-api.keys.creative-api-key=new",
            "genjobs.providers.creative-api.base-url=http://127.0.0.1:9/new")) {
      ClientOptions options = app.getBean(GenJobsClient.class).options();

      assertThat(options.key("CREATIVE_API_KEY").reveal()).isEqualTo("new");
      assertThat(options.baseUrl(Provider.CREATIVE_API))
          .isEqualTo(URI.create("http://127.0.0.1:9/new"));
    }
  }

  @Test
  void aProviderEnabledByIdWithoutItsKeyFailsNamingTheGenericProperty() {
    Throwable startup =
        catchThrowable(
            () ->
                start(
                        "genjobs.creative-api.api-key=k",
                        "genjobs.providers.unstructured-platform.enabled=true")
                    .close());

    Throwable t = startup;
    while (t != null && !(t instanceof MissingGenJobsKeyException)) t = t.getCause();
    assertThat(t).as("cause of %s", startup).isInstanceOf(MissingGenJobsKeyException.class);
    assertThat(((MissingGenJobsKeyException) t).properties())
        .containsExactly("genjobs.providers.unstructured-platform.keys.unstructured-api-key");
  }
}
