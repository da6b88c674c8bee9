package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.internal.Dialect;
import dev.genjobs.client.store.jdbc.internal.DurableScheduler;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A create's deadline (when its answer can no longer come) is fixed in its record when the intent
 * is written, upload time included, and every client resolving the record uses that deadline, not
 * its own timeouts. Records written before deadlines were stored fall back to the reading client's
 * rule. On the embedded ledger and on PostgreSQL.
 */
class CreateDeadlineTest {

  /** {@link LedgerClients#options}: retries for 2 s, connect 1 s, read 2 s. */
  private static final Duration CLIENT_CREATE_DEADLINE = Duration.ofSeconds(5);

  private static final int MIB = 1 << 20;

  @TempDir Path directory;

  private ProviderStandIns standIns;
  private JdbcJobStore ledger;
  private DataSource dataSource;

  private void start(String database) {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
    dataSource =
        database.equals("postgres")
            ? EmbeddedPostgresDb.newDatabase().dataSource()
            : embeddedDataSource(directory);
    ledger =
        database.equals("postgres")
            ? JdbcJobStore.create(dataSource)
            : JdbcJobStore.embedded(directory);
  }

  private static DataSource embeddedDataSource(Path directory) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(JdbcJobStore.sqliteUrl(directory));
    config.setMaximumPoolSize(1);
    return new HikariDataSource(config);
  }

  @AfterEach
  void stop() {
    if (dataSource instanceof HikariDataSource own) own.close();
    if (ledger != null) ledger.close();
    if (standIns != null) standIns.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void anUploadsDeadlineIsStoredWithItsIntentIncludingTheSendingAllowance(String database)
      throws Exception {
    start(database);
    String uploadId;
    String generateId;
    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "creator")) {
      // 3 MiB at the 1 MiB/s floor: 1 + 3 s on top of the client's create deadline.
      uploadId =
          client
              .unstructured()
              .createJob(
                  CreateJobRequest.builder()
                      .templateId("hi_res_partition")
                      .file(UploadFile.of("big.pdf", new byte[3 * MIB], "application/pdf"))
                      .build())
              .ledgerId()
              .orElseThrow();
      generateId =
          client.creative().generate(LedgerClients.generate(null, 1)).ledgerId().orElseThrow();
    }

    JobRecord upload = ledger.get(uploadId).orElseThrow();
    assertThat(upload.createDeadlineAt())
        .contains(upload.createdAt().plus(CLIENT_CREATE_DEADLINE).plusSeconds(4));
    JobRecord generate = ledger.get(generateId).orElseThrow();
    assertThat(generate.createDeadlineAt())
        .contains(generate.createdAt().plus(CLIENT_CREATE_DEADLINE));
    // Scheduled in the intent's own transaction, at the record's own deadline.
    assertThat(scheduledDeadline(uploadId).truncatedTo(ChronoUnit.MILLIS))
        .isEqualTo(upload.createDeadlineAt().get().truncatedTo(ChronoUnit.MILLIS));
    assertThat(scheduledDeadline(generateId).truncatedTo(ChronoUnit.MILLIS))
        .isEqualTo(generate.createDeadlineAt().get().truncatedTo(ChronoUnit.MILLIS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void aClientWithShorterTimeoutsLeavesAnIntentInFlightUntilTheIntentsOwnDeadline(String database) {
    start(database);
    Instant now = Instant.now();
    // A large upload, written a minute ago by a client that allowed it ten more minutes.
    JobRecord uploading = intent(now.minusSeconds(60), now.plus(Duration.ofMinutes(10)));
    ledger.insert(uploading);

    try (GenJobsClient resumer = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      resumer.jobs().resume();

      JobRecord after = ledger.get(uploading.ledgerId()).orElseThrow();
      assertThat(after.state()).isEqualTo(LedgerState.INTENT);
      assertThat(resumer.jobs().inFlight(after)).isTrue();
      assertThatThrownBy(() -> resumer.jobs().abandon(uploading.ledgerId()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("may still be in flight")
          .hasMessageContaining(uploading.createDeadlineAt().get().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void anIntentPastItsOwnDeadlineIsResolvedThoughTheResumingClientWouldWaitLonger(String database) {
    start(database);
    Instant now = Instant.now();
    // Written a second ago by a client whose creates could last only half a second.
    JobRecord shortLived = intent(now.minusSeconds(1), now.minusMillis(500));
    ledger.insert(shortLived);

    try (GenJobsClient resumer = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      resumer.jobs().resume();
    }

    assertThat(ledger.get(shortLived.ledgerId()).orElseThrow().state())
        .isEqualTo(LedgerState.AMBIGUOUS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void anIntentWrittenBeforeDeadlinesWereStoredFollowsTheResumingClientsRule(String database) {
    start(database);
    Instant now = Instant.now();
    JobRecord old = intent(now.minus(CLIENT_CREATE_DEADLINE).minusSeconds(60), null);
    JobRecord young = intent(now, null);
    ledger.insert(old);
    ledger.insert(young);

    try (GenJobsClient resumer = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      resumer.jobs().resume();
    }

    assertThat(ledger.get(old.ledgerId()).orElseThrow().state()).isEqualTo(LedgerState.AMBIGUOUS);
    assertThat(ledger.get(young.ledgerId()).orElseThrow().state()).isEqualTo(LedgerState.INTENT);
  }

  private static JobRecord intent(Instant createdAt, Instant deadline) {
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.UNSTRUCTURED)
        .operation("create_job")
        .state(LedgerState.INTENT)
        .requestSummary("request_data={\"template_id\":\"hi_res_partition\"}, files=[big.pdf]")
        .requestFingerprint("0".repeat(64))
        .createDeadlineAt(deadline)
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .createdAt(createdAt)
        .build();
  }

  /**
   * When the ledger's create-deadline execution for {@code ledgerId} is due, read from
   * db-scheduler.
   */
  private Instant scheduledDeadline(String ledgerId) throws Exception {
    OneTimeTask<Void> task = Tasks.oneTime("genjobs-create-deadline").execute((i, c) -> {});
    Dialect dialect;
    try (Connection c = dataSource.getConnection()) {
      dialect = Dialect.of(c);
    }
    return DurableScheduler.client(dataSource, dialect, List.of(task))
        .getScheduledExecution(TaskInstanceId.of(task.getName(), ledgerId))
        .map(ScheduledExecution::getExecutionTime)
        .orElseThrow(() -> new AssertionError("no create-deadline execution for " + ledgerId));
  }
}
