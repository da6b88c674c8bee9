package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One instance of a service on a shared ledger, in its own JVM: it creates jobs (without webhooks:
 * every step is a poll) and follows them, with every other instance on the ledger, until the test
 * kills it.
 *
 * <pre>
 * &lt;store&gt; &lt;stand-ins&gt; &lt;instance id&gt; &lt;jobs&gt;
 * </pre>
 *
 * Prints {@code CREATED <ledger id> <job id>} per job, then {@code READY}.
 */
public final class FollowingChild {

  public static void main(String[] args) throws Exception {
    JobStore ledger = LedgerClients.openStore(args[0]);
    URI standIns = URI.create(args[1]);
    String instance = args[2];
    int jobs = Integer.parseInt(args[3]);
    GenJobsClient client =
        GenJobsClient.create(
            LedgerClients.options(standIns, ledger, instance)
                // Long enough for a poll the test holds at the stand-in to stay one poll (not
                // a timeout and a retry) on the instance that lives.
                .readTimeout(Duration.ofSeconds(10))
                .build());
    for (int i = 1; i <= jobs; i++) {
      Job job = client.creative().generate(LedgerClients.generate(null, i));
      System.out.println("CREATED " + job.ledgerId().orElseThrow() + " " + job.id());
    }
    System.out.println("READY");
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }

  private FollowingChild() {}
}
