package dev.genjobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.Jobs;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs jobs list|show|resume|resolve}: the job ledger. */
@Command(
    name = "jobs",
    description = {
      "The job ledger: every job genjobs created, from the intent stored before the request was"
          + " sent to the job's end. Kept in --store (default: the user's data directory)."
    },
    subcommands = {
      JobsCommand.ListJobs.class,
      JobsCommand.Show.class,
      JobsCommand.Resume.class,
      JobsCommand.Resolve.class
    })
final class JobsCommand implements Runnable {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand GenJobsCli cli;
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: list, show, resume or resolve");
  }

  static ObjectNode json(JobRecord r, boolean withHistory) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ledgerId", r.ledgerId());
    n.put("provider", ProviderNames.nameOf(r.provider()));
    n.put("operation", r.operation());
    n.put("state", r.state().name());
    n.put("jobId", r.providerJobId().orElse(null));
    n.put("status", r.status().map(Enum::name).orElse(null));
    n.put("rawStatus", r.rawStatus().orElse(null));
    n.put("failureReason", r.failureReason().orElse(null));
    n.put("createdAt", r.createdAt().toString());
    n.put("endedAt", r.endedAt().map(Object::toString).orElse(null));
    ArrayNode urls = n.putArray("outputUrls");
    r.outputUrls().forEach(u -> urls.add(u.toString()));
    ArrayNode files = n.putArray("outputFiles");
    r.outputFiles().forEach(f -> files.add(f.fileId()));
    if (!r.candidateJobIds().isEmpty()) {
      ArrayNode candidates = n.putArray("candidateJobIds");
      r.candidateJobIds().forEach(candidates::add);
    }
    if (withHistory) {
      n.put("request", r.requestSummary());
      n.put("fingerprint", r.requestFingerprint());
      n.set("inputFingerprint", fingerprintJson(r.inputFingerprint()));
      n.put("createDeadlineAt", r.createDeadlineAt().map(Object::toString).orElse(null));
      ArrayNode history = n.putArray("history");
      for (Attempt a : r.attempts()) {
        history
            .addObject()
            .put("at", a.at().toString())
            .put("event", a.event())
            .put("detail", a.detail())
            .put("instance", a.instance());
      }
    }
    return n;
  }

  /** Field name to hash: hashes of the values sent, never the values. */
  static ObjectNode fingerprintJson(InputFingerprint fingerprint) {
    ObjectNode n = JSON.createObjectNode();
    fingerprint.fields().forEach(n::put);
    return n;
  }

  /**
   * The provider's own list of jobs created in an unresolved record's window, each with the
   * fingerprint of the inputs the list shows, whether it matches the record, and the record that
   * owns it: what a person needs to pick the record's job for {@code jobs resolve}.
   */
  static void addProviderJobs(ObjectNode n, GenJobsClient client, JobRecord r) {
    Optional<List<Jobs.ListedBesideRecord>> listed;
    try {
      listed = client.jobs().providerJobsAround(r.ledgerId());
    } catch (RuntimeException e) {
      n.put("providerJobsUnavailable", "cannot read the provider's job list: " + e.getMessage());
      return;
    }
    if (listed.isEmpty()) {
      n.put(
          "providerJobsUnavailable",
          r.provider().displayName()
              + " does not list its jobs here: compare the input fingerprint in its dashboard");
      return;
    }
    ArrayNode a = n.putArray("providerJobs");
    for (Jobs.ListedBesideRecord l : listed.get()) {
      ObjectNode j = a.addObject();
      j.put("jobId", l.job().jobId());
      j.put("createdAt", l.job().createdAt().toString());
      j.put("ranWhat", l.job().ranWhat());
      j.set("inputFingerprint", fingerprintJson(l.job().exposedInputs()));
      j.put("matchesInputs", l.matchesInputs());
      j.put("ownedBy", l.ownerLedgerId().orElse(null));
    }
  }

  static void print(PrintWriter out, Object json) {
    try {
      out.println(JSON.writeValueAsString(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  static String line(JobRecord r) {
    return String.format(
        "%-36s  %-24s  %-9s  %-10s %-12s  %s  %s",
        r.ledgerId(),
        ProviderNames.nameOf(r.provider()),
        r.state(),
        r.status().map(Enum::name).orElse("-"),
        r.rawStatus().orElse("-"),
        r.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        r.providerJobId().orElse(r.failureReason().orElse("")));
  }

  /** {@code jobs list}. */
  @Command(name = "list", description = "List ledger records, newest first.")
  static final class ListJobs implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @Mixin HelpOption help;
    @Spec CommandSpec spec;

    @Option(
        names = "--state",
        split = ",",
        paramLabel = "<state>",
        description = "Only these states: ${COMPLETION-CANDIDATES}.")
    List<LedgerState> states = new ArrayList<>();

    @Option(names = "--open", description = "Only records still open (INTENT, ACTIVE, AMBIGUOUS).")
    boolean open;

    @Option(names = "--limit", paramLabel = "<n>", description = "At most this many (100).")
    int limit = 100;

    @Override
    public Integer call() {
      JobFilter.Builder f = JobFilter.builder().limit(limit).states(states);
      if (open) f.states(LedgerState.INTENT, LedgerState.ACTIVE, LedgerState.AMBIGUOUS);
      Provider provider = jobs.cli.providerOr(null);
      if (provider != null) f.provider(provider);
      List<JobRecord> records = jobs.cli.requireLedger().list(f.build());
      PrintWriter out = spec.commandLine().getOut();
      if (jobs.cli.json) {
        ArrayNode a = JSON.createArrayNode();
        records.forEach(r -> a.add(json(r, false)));
        print(out, a);
      } else {
        out.println(
            String.format(
                "%-36s  %-24s  %-9s  %-10s %-12s  %-20s  %s",
                "LEDGER ID", "PROVIDER", "STATE", "STATUS", "RAW", "CREATED", "JOB ID / REASON"));
        records.forEach(r -> out.println(line(r)));
        out.flush();
      }
      return ExitStatus.SUCCESS.code;
    }
  }

  /** {@code jobs show ID}. */
  @Command(
      name = "show",
      description = {
        "Show one ledger record with its history and its input fingerprint (hashes of the values"
            + " sent, never the values).",
        "For an unresolved record, also the provider's own list of jobs created in its window"
            + " (where the provider lists its jobs), each with the fingerprint of the inputs the"
            + " list shows, to match the record by eye."
      })
  static final class Show implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @Mixin HelpOption help;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<ledger-id>")
    String ledgerId;

    @Override
    public Integer call() {
      JobRecord r =
          jobs.cli
              .requireLedger()
              .get(ledgerId)
              .orElseThrow(() -> new UsageException("no ledger record " + ledgerId));
      ObjectNode shown = json(r, true);
      if (r.state().isUnresolved()) {
        try (GenJobsClient client = jobs.cli.openLedgerClientWithoutPolling()) {
          addProviderJobs(shown, client, r);
        }
      }
      print(spec.commandLine().getOut(), shown);
      return ExitStatus.SUCCESS.code;
    }
  }

  /** {@code jobs resume}. */
  @Command(
      name = "resume",
      description = {
        "Follow every unfinished job in the ledger to its end (after a crash or restart).",
        "Creates interrupted before their answer was stored become AMBIGUOUS: never re-sent;"
            + " resolve them with 'jobs resolve'."
      })
  static final class Resume implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @Mixin HelpOption help;
    @Spec CommandSpec spec;

    @Option(
        names = "--timeout",
        paramLabel = "<duration>",
        converter = DurationConverter.class,
        description = "How long to wait for the jobs (default 30m).")
    Duration timeout = Duration.ofMinutes(30);

    @Override
    public Integer call() throws InterruptedException {
      try (GenJobsClient client = jobs.cli.openLedgerClient()) {
        List<Job> handles = client.jobs().resume();
        List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>();
        for (Job j : handles) waits.add(j.awaitAsync(timeout));
        int unsuccessful = 0;
        for (int i = 0; i < waits.size(); i++) {
          try {
            JobSnapshot s = waits.get(i).get();
            if (s.status() != dev.genjobs.client.jobs.JobStatus.SUCCEEDED) unsuccessful++;
          } catch (ExecutionException e) {
            unsuccessful++;
            spec.commandLine()
                .getErr()
                .println(handles.get(i).ledgerId().orElse("?") + ": " + e.getCause().getMessage());
          }
        }
        List<JobRecord> unresolved =
            client
                .jobs()
                .list(
                    JobFilter.builder().states(LedgerState.INTENT, LedgerState.AMBIGUOUS).build());
        PrintWriter out = spec.commandLine().getOut();
        for (String id : handles.stream().map(h -> h.ledgerId().orElse("?")).toList()) {
          client.jobs().get(id).ifPresent(r -> out.println(line(r)));
        }
        int toResolve = 0;
        for (JobRecord r : unresolved) {
          if (client.jobs().inFlight(r)) {
            // Its create may still be answered, here or in another process: nothing to do yet.
            out.println(line(r) + "  (in flight: its create may still be answered)");
          } else {
            toResolve++;
            out.println(
                line(r)
                    + (r.candidateJobIds().isEmpty()
                        ? ""
                        : "  (candidates: " + String.join(", ", r.candidateJobIds()) + ")")
                    + "  (resolve: genjobs jobs resolve "
                    + r.ledgerId()
                    + " ...)");
          }
        }
        out.flush();
        return unsuccessful > 0 || toResolve > 0
            ? ExitStatus.JOB_UNSUCCESSFUL.code
            : ExitStatus.SUCCESS.code;
      }
    }
  }

  /** {@code jobs resolve ID --job-id X | --abandon}. */
  @Command(
      name = "resolve",
      description = "Resolve an AMBIGUOUS record: the job it did start, or give it up.")
  static final class Resolve implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @Mixin HelpOption help;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<ledger-id>")
    String ledgerId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    How how;

    static final class How {
      @Option(
          names = "--job-id",
          paramLabel = "<job-id>",
          description =
              "The create did start this job (found at the provider): follow it. One GET checks"
                  + " that the job exists at the record's provider first.")
      String jobId;

      @Option(names = "--abandon", description = "The create did not start a job: give it up.")
      boolean abandon;
    }

    @Override
    public Integer call() {
      try (GenJobsClient client = jobs.cli.openLedgerClientWithoutPolling()) {
        JobRecord r;
        if (how.abandon) {
          r = client.jobs().abandon(ledgerId);
        } else {
          client.jobs().bind(ledgerId, how.jobId);
          r = client.jobs().get(ledgerId).orElseThrow();
        }
        print(spec.commandLine().getOut(), json(r, false));
        return ExitStatus.SUCCESS.code;
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new UsageException(e.getMessage(), e);
      }
    }
  }
}
