package dev.genjobs.spring.boot;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * The job ledger in the application's own database: when the application has one {@link DataSource}
 * and {@code genjobs-store-jdbc} is on the classpath, jobs are recorded there ({@code genjobs_job},
 * migrated with its own Flyway history table), so they survive restarts and are shared by
 * instances. Off with {@code genjobs.ledger.enabled=false}; a {@link JobStore} bean of the
 * application's own is used instead of this one.
 */
@AutoConfiguration(
    before = GenJobsAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@ConditionalOnClass(name = "dev.genjobs.client.store.jdbc.JdbcJobStore")
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(
    prefix = GenJobsProperties.PREFIX + ".ledger",
    name = "enabled",
    matchIfMissing = true)
public class GenJobsLedgerAutoConfiguration {

  /**
   * Closed on shutdown; closing it never closes the application's DataSource. Created after the
   * application's own database initialization (its Flyway or Liquibase), so that finds the schema
   * as it expects; the ledger then adds its table with its own history table.
   */
  @Bean(destroyMethod = "close")
  @org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization
  @ConditionalOnMissingBean
  public JobStore genJobsJobStore(DataSource dataSource) {
    return JdbcJobStore.create(dataSource);
  }

  @Bean
  public GenJobsClientCustomizer genJobsLedgerCustomizer(JobStore jobStore) {
    return options -> options.jobStore(jobStore);
  }
}
