package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.ChildJvm;
import dev.genjobs.client.store.jdbc.testing.Eventually;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.store.jdbc.testing.RecordedCreates;
import dev.genjobs.client.store.jdbc.testing.ScheduledTasks;
import dev.genjobs.client.store.jdbc.testing.WebhookRelay;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Processes that create jobs in a loop are killed with SIGKILL at random moments: before the intent
 * is stored, while it is, between it and the POST, while the provider answers, while the answer is
 * stored, between creates. Each create carries a marker (its prompt) that the test reads at the
 * stand-ins beside the correlation token the ledger put on the webhook URL, and the child writes
 * down what it had acknowledged. A surviving instance on the same ledger, that nobody asks to
 * {@code resume()}, resolves what the dead left behind (create deadlines on durable work, webhooks
 * carrying the token).
 *
 * <p>Then: every job the provider started is in the ledger, bound to the record whose create sent
 * it, and ended once; no record is bound to a job another record's create started; every intent the
 * child acknowledged is there; no create was sent twice.
 */
abstract class RandomCrashAroundSendContract {

  /** Kills; each costs a JVM start-up, paid ahead while the previous child runs. */
  static final int ROUNDS = 16;

  /** Children warming up while a round runs. */
  private static final int CHILDREN_AHEAD = 2;

  private static final Duration STEP = Duration.ofMillis(200);

  /** Where children open the ledger ({@code embedded:<dir>} or a JDBC URL). */
  abstract String ledgerLocation();

  /** The same ledger, for the surviving instance and the test's reads. */
  abstract JobStore openLedger();

  /** A connection to the ledger's database, to read db-scheduler's table. */
  abstract Connection connect() throws SQLException;

  @Test
  void killedAtRandomMomentsAroundTheSendNoJobIsLostOrBoundToAnotherRecord() throws Exception {
    RecordedCreates provider = new RecordedCreates();
    File stderr = new File("target/random-crash-children-" + getClass().getSimpleName() + ".log");
    Random random = new Random(19);
    List<String> lines = new ArrayList<>();
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(STEP)
                    .deliverWebhooks(true)
                    .listener(provider)
                    .build());
        WebhookRelay relay = new WebhookRelay();
        JobStore ledger = openLedger();
        GenJobsClient survivor = LedgerClients.client(standIns.baseUrl(), ledger, "survivor")) {
      // The surviving instance takes every delivery; the creators die too often to.
      relay.add(
          (uri, body, headers) ->
              survivor
                  .webhooks()
                  .handleAsync(uri, body, headers)
                  .get(10, TimeUnit.SECONDS)
                  .httpStatus());
      Deque<ChildJvm> warming = new ArrayDeque<>();
      int started = 0;
      try {
        for (int round = 0; round < ROUNDS; round++) {
          while (warming.size() < CHILDREN_AHEAD && started < ROUNDS) {
            warming.add(
                ChildJvm.start(
                    CreatingChild.class,
                    stderr,
                    "loop",
                    ledgerLocation(),
                    standIns.baseUrl().toString(),
                    relay.url().toString(),
                    "r" + started));
            started++;
          }
          ChildJvm child = warming.poll();
          long createMillis =
              Long.parseLong(child.awaitLine("READY ", Duration.ofSeconds(60)).substring(6));
          child.send("go");
          for (int creates = 1 + random.nextInt(3); creates > 0; creates--) {
            child.awaitLine("SEND ", Duration.ofSeconds(30));
          }
          // The experiment's random moment, not a synchronisation: from the start of the 1st, 2nd
          // or 3rd create to two creates' time later, on this machine's measured pace (storing
          // the intent, sending, the answer, storing it, the next create).
          TimeUnit.MILLISECONDS.sleep(random.nextInt((int) (2 * createMillis) + 20));
          child.kill();
          List<String> said = child.linesAfterExit();
          lines.addAll(said);
          // Acknowledged intents are there at once, before anyone resolves anything.
          for (String line : said) {
            if (line.startsWith("INTENT ")) {
              String ledgerId = line.split(" ")[2];
              assertThat(ledger.get(ledgerId)).as("acknowledged intent %s", line).isPresent();
            }
          }
        }
      } finally {
        for (ChildJvm c : warming) c.kill();
      }

      // Resolution, with no resume(): intents become AMBIGUOUS at their create deadline on the
      // survivor's durable work; a webhook's token binds a job whose answer was lost.
      Eventually.await(
          "every job the provider started is bound to its record and ended",
          Duration.ofSeconds(60),
          () -> unresolvedCreates(provider, ledger).isEmpty(),
          () -> unresolvedCreates(provider, ledger));
      Eventually.await(
          "no intent is left unresolved (each has its create deadline on durable work)",
          Duration.ofSeconds(30),
          () -> ledger.list(JobFilter.builder().states(LedgerState.INTENT).build()).isEmpty(),
          () -> leftIntents(ledger, lines));

      List<JobRecord> records = ledger.list(JobFilter.builder().limit(10_000).build());
      Map<String, JobRecord> byToken =
          records.stream()
              .collect(Collectors.toMap(JobRecord::correlationToken, Function.identity()));
      Map<String, JobRecord> byLedgerId =
          records.stream().collect(Collectors.toMap(JobRecord::ledgerId, Function.identity()));
      Map<String, RecordedCreates.Create> createByJob =
          provider.creates.stream()
              .collect(Collectors.toMap(RecordedCreates.Create::jobId, Function.identity()));
      Map<String, String> markerOfIntent = new HashMap<>();
      int acks = 0;
      for (String line : lines) {
        String[] f = line.split(" ");
        if (line.startsWith("INTENT ")) {
          // Every acknowledged intent is in the ledger, with the token it was written with.
          JobRecord r = byLedgerId.get(f[2]);
          assertThat(r).as("acknowledged intent %s", line).isNotNull();
          assertThat(r.correlationToken()).isEqualTo(f[3]);
          markerOfIntent.put(f[2], f[1]);
        } else if (line.startsWith("ACK ")) {
          // Every create that returned its job to the caller has it in its record.
          acks++;
          assertThat(byLedgerId.get(f[2]).providerJobId()).as(line).contains(f[3]);
          assertThat(createByJob.get(f[3]).prompt()).as(line).isEqualTo(f[1]);
        }
      }

      // No create sent twice: each marker reached the provider at most once.
      assertThat(provider.creates).allMatch(c -> c.status() == 200 && c.token() != null);
      assertThat(provider.creates)
          .extracting(RecordedCreates.Create::prompt)
          .doesNotHaveDuplicates();
      // 0 jobs without a record: every job the provider started is in the record whose token
      // its create carried, bound to that job, ended once.
      for (RecordedCreates.Create c : provider.creates) {
        JobRecord r = byToken.get(c.token());
        assertThat(r).as("record for the job of %s", c).isNotNull();
        assertThat(r.providerJobId()).as("%s", r).contains(c.jobId());
        assertThat(r.state()).as("%s", r).isEqualTo(LedgerState.ENDED);
        assertThat(r.attempts().stream().map(Attempt::event).filter("ended"::equals))
            .as("%s ended once", r)
            .hasSize(1);
      }
      // 0 records bound to another record's job: a record's job was created by that record's
      // create (its token), with that record's marker.
      for (JobRecord r : records) {
        if (r.providerJobId().isEmpty()) {
          assertThat(r.state()).as("%s", r).isIn(LedgerState.AMBIGUOUS, LedgerState.REFUSED);
          continue;
        }
        RecordedCreates.Create c = createByJob.get(r.providerJobId().get());
        assertThat(c).as("the provider's create of the job of %s", r).isNotNull();
        assertThat(c.token())
            .as("token of the create of the job of %s", r)
            .isEqualTo(r.correlationToken());
        String marker = markerOfIntent.get(r.ledgerId());
        if (marker != null) assertThat(c.prompt()).as("marker of %s", r).isEqualTo(marker);
      }
      // The kills landed around sends, not only before them: some creates of the killed loops
      // (not the warm-up creates, markers "-w1", "-w2") reached the provider.
      long sentByKilledLoops =
          provider.creates.stream().filter(c -> !c.prompt().contains("-w")).count();
      assertThat(sentByKilledLoops).as("creates of the killed loops at the provider").isPositive();
      System.out.printf(
          "random crash around the send, %s: %d kills, %d records, %d jobs at the provider"
              + " (%d after the warm-up creates), %d returned to the caller, %d answers lost,"
              + " %d records AMBIGUOUS (never reached the provider)%n",
          getClass().getSimpleName(),
          ROUNDS,
          records.size(),
          provider.creates.size(),
          sentByKilledLoops,
          acks,
          provider.creates.size() - acks,
          records.stream().filter(r -> r.state() == LedgerState.AMBIGUOUS).count());
    }
  }

  /** What the test knows of intents still unresolved: acknowledged? a deadline execution? */
  private String leftIntents(JobStore ledger, List<String> lines) {
    List<ScheduledTasks.Execution> deadlines =
        ScheduledTasks.executions(this::connect, "genjobs-create-deadline");
    return ledger.list(JobFilter.builder().states(LedgerState.INTENT).build()).stream()
        .map(
            r ->
                r.ledgerId()
                    + " (acknowledged by its process: "
                    + lines.stream()
                        .anyMatch(l -> l.startsWith("INTENT ") && l.contains(r.ledgerId()))
                    + ", deadline execution: "
                    + deadlines.stream()
                        .filter(e -> e.taskInstance().equals(r.ledgerId()))
                        .findFirst()
                        .map(Object::toString)
                        .orElse("none")
                    + ", created "
                    + r.createdAt()
                    + ")")
        .toList()
        .toString();
  }

  /** Jobs at the provider whose record (by the token their create carried) is not yet theirs. */
  private static List<RecordedCreates.Create> unresolvedCreates(
      RecordedCreates provider, JobStore ledger) {
    List<RecordedCreates.Create> open = new ArrayList<>();
    for (RecordedCreates.Create c : provider.creates) {
      List<JobRecord> found =
          ledger.list(JobFilter.builder().correlationToken(c.token()).limit(1).build());
      boolean done =
          !found.isEmpty()
              && found.get(0).state() == LedgerState.ENDED
              && found.get(0).providerJobId().filter(c.jobId()::equals).isPresent();
      if (!done) open.add(c);
    }
    return open;
  }
}
