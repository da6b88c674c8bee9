package dev.genjobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.standins.ProviderStandIns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the CLI in-process as a user would from a shell: arguments in; exit code, stdout and stderr
 * out. Configuration comes from a variables map standing in for the environment, with a poll policy
 * fast enough for stand-ins whose jobs finish in a fraction of a second.
 */
final class CliRunner {

  static final PollPolicy FAST_POLLS =
      PollPolicy.builder()
          .initialInterval(Duration.ofMillis(20))
          .maxInterval(Duration.ofMillis(40))
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;

  private CliRunner(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Every key set and every provider's base URL pointing at {@code standIns}. */
  static CliRunner against(ProviderStandIns standIns) {
    return withEnv(allKeys(standIns));
  }

  static CliRunner withEnv(Map<String, String> env) {
    return new CliRunner(env);
  }

  static Map<String, String> allKeys(ProviderStandIns standIns) {
    Map<String, String> env = new HashMap<>();
    // Every registered provider's keys, and its base URL at the stand-ins.
    for (dev.genjobs.client.spi.ProviderModule m :
        dev.genjobs.client.spi.ProviderModules.installed().modules()) {
      for (String key : m.keyVariables()) {
        env.put(key, "test-" + key.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      }
      if (standIns != null) env.put(m.baseUrlVariable(), standIns.baseUrl().toString());
    }
    return env;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        GenJobsCli.commandLine(() -> ClientOptions.builder().env(env).pollPolicy(FAST_POLLS));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /**
   * {@code genjobs --json create} of a Creative API image ({@code flux-pro}, "a fox"), which must
   * succeed; returns the provider's job id. The job most tests follow.
   *
   * @param options global options before the command, e.g. {@code --store <dir>}
   */
  String createImageJob(String... options) {
    List<String> args = new ArrayList<>(List.of("--json"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "create", "--provider", "creative-api", "--model", "flux-pro", "-i", "prompt=a fox"));
    Result created = run(args.toArray(String[]::new));
    if (created.exitCode() != 0) throw new AssertionError("create failed: " + created);
    return created.json().path("id").asText();
  }

  /** One run's outcome. */
  record Result(int exitCode, String out, String err) {

    /** stdout as the single JSON document {@code --json} promises. */
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (java.io.IOException e) {
        throw new UncheckedIOException("stdout is not JSON: " + out, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
