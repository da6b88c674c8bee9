package dev.genjobs.verifylive;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One read-only question to a provider: always a GET, never a create, cancel or upload. What it
 * asks may depend on the job id given and on earlier answers (a template's id from the template
 * list).
 *
 * @param name what to call it when the spec cannot (the operationId it is expected to match)
 * @param call the request, or empty when it cannot be asked (no job id known)
 */
public record Probe(String name, Function<Context, Optional<Call>> call) {

  /** A GET: a path relative to the provider's base URL and its query parameters. */
  public record Call(String path, Map<String, String> query) {
    public Call {
      query = Map.copyOf(query);
    }

    public static Call of(String path) {
      return new Call(path, Map.of());
    }
  }

  /** What a probe may build on. */
  public interface Context {
    /** The job to ask about: the one given, or the newest in the ledger. */
    Optional<String> jobId();

    /** The JSON answer of an earlier probe of the same check, if it answered 2xx. */
    Optional<JsonNode> answer(String probeName);
  }

  /** A fixed GET. */
  public static Probe of(String name, String path) {
    return new Probe(name, context -> Optional.of(Call.of(path)));
  }

  /** A GET about the job; skipped when no job id is known. */
  public static Probe forJob(String name, Function<String, Call> call) {
    return new Probe(name, context -> context.jobId().map(call));
  }

  /** {@code value} as one path segment. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
