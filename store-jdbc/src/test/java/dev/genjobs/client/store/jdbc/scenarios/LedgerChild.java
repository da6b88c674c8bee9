package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.webhooks.WebhookReceiver;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A service process for the crash test, run in its own JVM and killed by the test.
 *
 * <pre>
 * create &lt;store&gt; &lt;stand-ins&gt; &lt;relay&gt; &lt;jobs&gt; &lt;before-send|after-send|watching&gt; &lt;n&gt;
 * resume &lt;store&gt; &lt;stand-ins&gt; &lt;relay&gt;
 * </pre>
 *
 * Prints {@code RECEIVER <url>} once its webhook receiver listens, {@code AT <ledger id>} when it
 * reached its crash point (then waits to be killed), {@code DONE} when a resume finished.
 */
public final class LedgerChild {

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    JobStore store = LedgerClients.openStore(args[1]);
    URI standIns = URI.create(args[2]);
    URI relay = URI.create(args[3]);
    if (mode.equals("create")) {
      int jobs = Integer.parseInt(args[4]);
      String point = args[5];
      int at = Integer.parseInt(args[6]);
      JobStore crashing = point.equals("watching") ? store : new CrashingStore(store, point, at);
      GenJobsClient client =
          LedgerClients.client(standIns, crashing, "child-" + ProcessHandle.current().pid());
      announce(client);
      List<Job> created = new ArrayList<>();
      for (int i = 1; i <= jobs; i++) {
        created.add(client.creative().generate(LedgerClients.generate(relay, i)));
      }
      // Watching: every job is being followed (polls and webhooks) when the test kills us.
      created.forEach(j -> j.awaitAsync(Duration.ofMinutes(5)));
      System.out.println("AT watching");
      System.out.flush();
      new CountDownLatch(1).await();
    } else {
      GenJobsClient client =
          LedgerClients.client(standIns, store, "resumer-" + ProcessHandle.current().pid());
      announce(client);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      // Interrupted intents become AMBIGUOUS once a create could no longer be running.
      while (!client.jobs().list(JobFilter.builder().states(LedgerState.INTENT).build()).isEmpty()
          && System.nanoTime() < deadline) {
        client.jobs().resume();
        TimeUnit.MILLISECONDS.sleep(200);
      }
      List<CompletableFuture<?>> waits = new ArrayList<>();
      for (Job j : client.jobs().resume()) waits.add(j.awaitAsync(Duration.ofSeconds(60)));
      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
      // Records bound by a late webhook are waited for too.
      while (!client.jobs().list(JobFilter.builder().states(LedgerState.ACTIVE).build()).isEmpty()
          && System.nanoTime() < deadline) {
        for (Job j : client.jobs().resume()) j.awaitAsync(Duration.ofSeconds(60)).get();
      }
      System.out.println("DONE");
      System.out.flush();
      // Stay up for late webhooks (the test stops us once every delivery was taken).
      new CountDownLatch(1).await();
    }
  }

  private static void announce(GenJobsClient client) throws Exception {
    WebhookReceiver receiver =
        WebhookReceiver.start(client.webhooks(), new InetSocketAddress("127.0.0.1", 0), "/hooks");
    System.out.println("RECEIVER " + receiver.url());
    System.out.flush();
  }
}
