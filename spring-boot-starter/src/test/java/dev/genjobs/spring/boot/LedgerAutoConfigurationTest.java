package dev.genjobs.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The ledger goes into the application's own DataSource when there is one. */
class LedgerAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  GenJobsLedgerAutoConfiguration.class, GenJobsAutoConfiguration.class))
          .withPropertyValues(
              "genjobs.creative-api.api-key=k",
              "genjobs.creative-api.base-url=" + StandInsForTests.baseUrl());

  private static DataSource h2(String name) {
    return new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Test
  void theApplicationsDataSourceHoldsTheLedgerTheClientUses() {
    DataSource dataSource = h2("ledger1");
    runner
        .withBean(DataSource.class, () -> dataSource)
        .run(
            context -> {
              JobStore store = context.getBean(JobStore.class);
              assertThat(store).isInstanceOf(JdbcJobStore.class);
              assertThat(context.getBean(GenJobsClient.class).options().jobStore())
                  .containsSame(store);
              try (Connection c = dataSource.getConnection();
                  ResultSet tables = c.getMetaData().getTables(null, null, "GENJOBS_JOB", null)) {
                assertThat(tables.next()).as("genjobs_job table migrated").isTrue();
              }
            });
  }

  @Test
  void withoutADataSourceNoLedgerIsConfigured() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(JobStore.class);
          assertThat(context.getBean(GenJobsClient.class).options().jobStore()).isEmpty();
        });
  }

  @Test
  void theLedgerCanBeTurnedOff() {
    runner
        .withBean(DataSource.class, () -> h2("ledger2"))
        .withPropertyValues("genjobs.ledger.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(JobStore.class));
  }
}
