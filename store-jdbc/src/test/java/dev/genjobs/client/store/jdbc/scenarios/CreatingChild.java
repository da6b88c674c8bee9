package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.DelegatingStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A process that only creates jobs (like a command-line call or a request handler): it leaves
 * following them to other instances ({@code withoutPolling}), runs in its own JVM and is killed
 * with SIGKILL by the test.
 *
 * <pre>
 * &lt;loop|before-send|after-send&gt; &lt;store&gt; &lt;stand-ins&gt; &lt;webhook|-&gt; &lt;marker prefix&gt;
 * </pre>
 *
 * It opens the ledger and its client ({@code loop}: and makes two creates, markers {@code -w1},
 * {@code -w2}), prints {@code READY <that create's ms>} and waits for a line on stdin (so the test
 * can start it ahead and kill at a moment of its choosing, not at start-up). Each create carries
 * its marker ({@code <prefix>-<n>}) as its prompt, which the stand-ins see:
 *
 * <ul>
 *   <li>{@code SEND <marker>} before the create is called;
 *   <li>{@code INTENT <marker> <ledger id> <token>} once the intent's insert returned (the
 *       write-ahead record is acknowledged: the POST may go out from here on);
 *   <li>{@code ACK <marker> <ledger id> <job id>} once the create returned its job;
 *   <li>{@code FAILED <marker> <exception>} if it threw.
 * </ul>
 *
 * {@code loop} creates until it is killed; {@code before-send} and {@code after-send} stop the
 * first create at that point ({@link CrashingStore}, which prints {@code AT <ledger id>}).
 */
public final class CreatingChild {

  /** The marker of the create in progress; the loop is single-threaded. */
  private static volatile String marker = "-";

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    JobStore ledger = LedgerClients.openStore(args[1]);
    URI standIns = URI.create(args[2]);
    URI webhook = args[3].equals("-") ? null : URI.create(args[3]);
    String prefix = args[4];
    JobStore announcing = new IntentsAnnounced(ledger);
    JobStore store = mode.equals("loop") ? announcing : new CrashingStore(announcing, mode, 1);
    GenJobsClient client =
        GenJobsClient.create(
            LedgerClients.options(standIns, store, "creator-" + ProcessHandle.current().pid())
                .ledgerPolicy(LedgerClients.fastLedger().withoutPolling())
                // A short create deadline (0.5 + 1 + 0.3 s): intents this process leaves behind
                // are resolved by the surviving instance soon after it is killed.
                .retryPolicy(
                    RetryPolicy.builder()
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(100))
                        .maxElapsed(Duration.ofMillis(500))
                        .build())
                .connectTimeout(Duration.ofMillis(300))
                .readTimeout(Duration.ofSeconds(1))
                .build());
    long warmCreateMillis = 0;
    if (mode.equals("loop")) {
      // Two creates before READY, so the creates the test kills are a warm process's (a cold
      // one spends its first create loading classes), and the second says how long a create
      // takes on this machine now.
      create(client, prefix + "-w1", webhook);
      long started = System.nanoTime();
      create(client, prefix + "-w2", webhook);
      warmCreateMillis = (System.nanoTime() - started) / 1_000_000;
    }
    print("READY " + warmCreateMillis);
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    for (int n = 1; ; n++) {
      create(client, prefix + "-" + n, webhook);
      if (!mode.equals("loop")) new CountDownLatch(1).await(); // until killed
    }
  }

  private static void create(GenJobsClient client, String createMarker, URI webhook) {
    marker = createMarker;
    print("SEND " + marker);
    try {
      Job job =
          client
              .creative()
              .generate(
                  GenerateRequest.builder()
                      .model("flux-pro")
                      .input("prompt", marker)
                      .webhook(webhook)
                      .build());
      print("ACK " + marker + " " + job.ledgerId().orElseThrow() + " " + job.id());
    } catch (RuntimeException e) {
      print("FAILED " + marker + " " + e);
    }
  }

  private static void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** Prints each intent once its insert returned: the acknowledgement the test holds it to. */
  private static final class IntentsAnnounced extends DelegatingStore {
    IntentsAnnounced(JobStore delegate) {
      super(delegate);
    }

    @Override
    public void insert(JobRecord record) {
      super.insert(record);
      if (record.state() == LedgerState.INTENT) {
        print("INTENT " + marker + " " + record.ledgerId() + " " + record.correlationToken());
      }
    }
  }

  private CreatingChild() {}
}
