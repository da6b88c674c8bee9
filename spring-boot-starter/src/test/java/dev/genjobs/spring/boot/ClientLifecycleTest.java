package dev.genjobs.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The client lives and dies with the application context. */
class ClientLifecycleTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(GenJobsAutoConfiguration.class))
          .withPropertyValues(
              "genjobs.creative-api.api-key=k",
              "genjobs.creative-api.base-url=" + StandInsForTests.baseUrl(),
              "genjobs.poll.initial-interval=10m");

  @Test
  void closingTheApplicationClosesTheClientAndEndsPendingWaits() {
    CompletableFuture<JobSnapshot>[] wait = new CompletableFuture[1];

    runner.run(
        context -> {
          GenJobsClient client = context.getBean(GenJobsClient.class);
          wait[0] = client.job(Provider.CREATIVE_API, "job-1").awaitAsync(Duration.ofHours(1));
          assertThat(wait[0]).isNotDone();
        });

    assertThat(wait[0]).isCancelled();
  }

  @Test
  void anApplicationsOwnClientReplacesTheAutoConfiguredOne() {
    runner
        .withBean(
            "myClient",
            GenJobsClient.class,
            () -> GenJobsClient.create(dev.genjobs.client.ClientOptions.builder().build()))
        .run(context -> assertThat(context).hasSingleBean(GenJobsClient.class).hasBean("myClient"));
  }

  @Test
  void customizersRunAfterTheProperties() {
    runner
        .withBean(GenJobsClientCustomizer.class, () -> options -> options.watcherThreads(5))
        .run(
            context ->
                assertThat(context.getBean(GenJobsClient.class).options().watcherThreads())
                    .isEqualTo(5));
  }
}
