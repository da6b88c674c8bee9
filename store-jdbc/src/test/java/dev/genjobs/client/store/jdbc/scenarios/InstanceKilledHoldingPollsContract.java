package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.ChildJvm;
import dev.genjobs.client.store.jdbc.testing.Eventually;
import dev.genjobs.client.store.jdbc.testing.GetGate;
import dev.genjobs.client.store.jdbc.testing.RecordedCreates;
import dev.genjobs.client.store.jdbc.testing.ScheduledTasks;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service, each in its own JVM, follow jobs on one ledger; every poll is a
 * db-scheduler execution ({@value #POLL_TASK}, instance {@code <ledger id>@<due epoch millis>}).
 * The stand-ins hold their answers to GETs for a moment, so instance A has picked executions whose
 * GETs reached the provider and are not answered; A is killed (SIGKILL) right then. B takes A's
 * executions over once A's heartbeats stop (shortened to 0.5 s in the children, 4 missed).
 *
 * <p>Then every job ended once, and each due poll was sent once: per job, the GETs the provider
 * received equal the {@code polled} attempts in the record (one per due time, none twice), plus at
 * most one per execution A held when it died: A's unanswered GET, sent again by B as a retry. Each
 * of those executions was run by B for its own due time.
 *
 * <p>Relies on the engine naming db-scheduler's {@code picked_by} after the client's instance id.
 */
abstract class InstanceKilledHoldingPollsContract {

  static final String POLL_TASK = "genjobs-poll";
  private static final int JOBS_PER_INSTANCE = 6;
  private static final Duration STEP = Duration.ofMillis(1500);

  /** Where children open the ledger ({@code embedded:<dir>} or a JDBC URL). */
  abstract String ledgerLocation();

  /** The same ledger, for the test's reads. */
  abstract JobStore openLedger();

  /** A connection to the ledger's database, to read db-scheduler's table. */
  abstract Connection connect() throws SQLException;

  @Test
  void anInstanceKilledHoldingPickedPollsIsTakenOverAndEachDuePollIsSentOnce() throws Exception {
    RecordedCreates provider = new RecordedCreates();
    GetGate gate = new GetGate();
    File stderr = new File("target/killed-holding-polls-" + getClass().getSimpleName() + ".log");
    List<ScheduledTasks.Execution> held = new ArrayList<>();
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(STEP)
                    .deliverWebhooks(false)
                    .listener(
                        e -> {
                          provider.onExchange(e);
                          gate.onExchange(e);
                        })
                    .build());
        JobStore ledger = openLedger();
        ChildJvm a = instance(stderr, standIns, "instance-a");
        ChildJvm b = instance(stderr, standIns, "instance-b")) {
      a.awaitLine("READY", Duration.ofSeconds(60));
      b.awaitLine("READY", Duration.ofSeconds(60));

      // Polls reach the provider and wait for their answers; A holds some of them.
      gate.close();
      try {
        Eventually.await(
            "instance-a holds picked polls whose GETs reached the provider",
            Duration.ofSeconds(15),
            () -> !pickedBy("instance-a").isEmpty() && gate.held.get() > 0,
            () -> ScheduledTasks.executions(this::connect, POLL_TASK));
        a.kill();
        // Read once A is dead: exactly what it held (it may have finished or picked one since
        // the check), and none is taken over this soon (dead after 4 missed 0.5 s heartbeats).
        held.addAll(pickedBy("instance-a"));
      } finally {
        gate.open();
      }

      Eventually.await(
          "every job ended",
          Duration.ofSeconds(60),
          () -> {
            List<JobRecord> rs = ledger.list(JobFilter.all());
            return rs.size() == 2 * JOBS_PER_INSTANCE
                && rs.stream().noneMatch(r -> r.state().isOpen());
          },
          () -> ledger.list(JobFilter.all()));
      b.kill();

      assertThat(held).as("executions A held when it was killed").isNotEmpty();
      Map<String, Set<Instant>> heldDues = new HashMap<>();
      for (ScheduledTasks.Execution e : held) {
        String[] idAndDue = e.taskInstance().split("@");
        heldDues
            .computeIfAbsent(idAndDue[0], k -> new HashSet<>())
            .add(Instant.ofEpochMilli(Long.parseLong(idAndDue[1])));
      }

      List<JobRecord> records = ledger.list(JobFilter.all());
      assertThat(records).hasSize(2 * JOBS_PER_INSTANCE);
      assertThat(provider.creates).hasSize(2 * JOBS_PER_INSTANCE);
      assertThat(provider.creates)
          .extracting(RecordedCreates.Create::jobId)
          .doesNotHaveDuplicates();
      int retries = 0;
      for (JobRecord r : records) {
        assertThat(r.state()).as("%s", r).isEqualTo(LedgerState.ENDED);
        assertThat(r.attempts().stream().map(Attempt::event).filter("ended"::equals))
            .as("%s ended once", r)
            .hasSize(1);
        assertThat(r.attempts())
            .as("the whole history is kept, so polls can be counted from it")
            .hasSizeLessThan(JobRecord.MAX_ATTEMPTS);
        List<Attempt> polled =
            r.attempts().stream().filter(x -> x.event().equals("polled")).toList();
        List<Instant> dues = polled.stream().map(x -> dueOf(x.detail())).toList();
        assertThat(dues).as("each due poll of %s recorded once", r).doesNotHaveDuplicates();

        Set<Instant> heldHere = heldDues.getOrDefault(r.ledgerId(), Set.of());
        for (Instant due : heldHere) {
          assertThat(polled)
              .as("the poll due %s that A held for %s, run by B", due, r)
              .anyMatch(x -> dueOf(x.detail()).equals(due) && x.instance().equals("instance-b"));
        }
        String jobId = r.providerJobId().orElseThrow();
        int gets = provider.getsByJob.getOrDefault(jobId, 0);
        int extra = gets - polled.size();
        assertThat(extra)
            .as(
                "GETs of %s (%d) beyond its polled attempts (%d): only re-sends of the %d"
                    + " execution(s) A held",
                jobId, gets, polled.size(), heldHere.size())
            .isBetween(0, heldHere.size());
        retries += extra;
      }
      assertThat(retries).isLessThanOrEqualTo(held.size());
      System.out.printf(
          "instance killed holding polls, %s: %d executions held, %d GETs re-sent by the"
              + " survivor, %d GETs in all%n",
          getClass().getSimpleName(),
          held.size(),
          retries,
          provider.getsByJob.values().stream().mapToInt(Integer::intValue).sum());
    }
  }

  private ChildJvm instance(File stderr, ProviderStandIns standIns, String name) throws Exception {
    return ChildJvm.start(
        FollowingChild.class,
        stderr,
        List.of(),
        ledgerLocation(),
        standIns.baseUrl().toString(),
        name,
        String.valueOf(JOBS_PER_INSTANCE));
  }

  private List<ScheduledTasks.Execution> pickedBy(String instance) {
    return ScheduledTasks.executions(this::connect, POLL_TASK).stream()
        .filter(e -> e.picked() && instance.equals(e.pickedBy()))
        .toList();
  }

  /** The due time a {@code polled} attempt names: its detail starts with {@code due=<instant>}. */
  private static Instant dueOf(String detail) {
    assertThat(detail).startsWith("due=");
    String rest = detail.substring("due=".length());
    int end = 0;
    while (end < rest.length()
        && !Character.isWhitespace(rest.charAt(end))
        && rest.charAt(end) != ','
        && rest.charAt(end) != ';') {
      end++;
    }
    return Instant.parse(rest.substring(0, end));
  }
}
