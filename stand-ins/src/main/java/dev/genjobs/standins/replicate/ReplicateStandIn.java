package dev.genjobs.standins.replicate;

import static dev.genjobs.standins.StandInAnswers.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.genjobs.standins.StandIn;
import dev.genjobs.standins.StandInJob;
import dev.genjobs.standins.StandInJobs;
import dev.genjobs.standins.StandInOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replicate's predictions: {@code POST /predictions} (a {@code version}: {@code owner/name:id},
 * {@code owner/name} or a bare version id), {@code POST /models/{owner}/{name}/predictions}, {@code
 * GET /predictions/{id}}, {@code POST /predictions/{id}/cancel} and {@code GET /predictions} (100
 * per page, newest first, {@code next}/{@code previous} with a {@code cursor}); the token in {@code
 * Authorization: Bearer}, errors as RFC 7807 problem details ({@code application/problem+json}).
 *
 * <p>A prediction is {@code starting} for one step, {@code processing} for one, then {@code
 * succeeded} with a list of one image URL (served by this stand-in, so a download works offline)
 * or, when failing on demand, {@code failed} with an {@code error}. Cancelling a prediction that
 * has not ended shows it {@code canceled} from then on.
 *
 * <p>{@code Prefer: wait} (60 s) or {@code Prefer: wait=n} on a create holds the answer until the
 * prediction ends or the wait is over, whichever is first, as Replicate's sync mode does: the
 * answer is the prediction as it is at that moment (201 when it has ended, 202 when the wait ran
 * out), sent with a matching delay on that server thread. A cancel during the wait is not seen by
 * that answer.
 *
 * <p>A prediction created with a {@code webhook} (and a {@code webhook_events_filter} that is
 * absent or contains {@code completed}, the only event the stand-in sends) is POSTed there once it
 * has ended, signed per Standard Webhooks with {@link #WEBHOOK_SECRET}, or with {@link
 * StandInOptions#webhookSecret()} when set. A prediction cancelled before its end is delivered at
 * the time it would have ended, showing {@code canceled}.
 */
public final class ReplicateStandIn implements StandIn {

  /**
   * The stand-in's webhook signing secret (a test value, not a real one): a client verifies the
   * stand-in's deliveries with it as its {@code REPLICATE_WEBHOOK_SECRET}. The base64 of the 32
   * bytes {@code genjobs replicate stand-in key!!}.
   */
  public static final String WEBHOOK_SECRET = "whsec_Z2Vuam9icyByZXBsaWNhdGUgc3RhbmQtaW4ga2V5ISE=";

  /** The model of a prediction created with a bare version id: the stand-in knows no versions. */
  public static final String BARE_VERSION_MODEL = "replicate/hello-world";

  /** Where the outputs of succeeded predictions are served (no auth, as replicate.delivery). */
  static final String DELIVERY = "/replicate-delivery/";

  static final int PAGE_SIZE = 100;
  private static final int MAX_WAIT_SECONDS = 60;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Statuses STATUSES =
      new Statuses(List.of("starting", "processing"), "succeeded", "failed");
  private static final Pattern PREDICTION = Pattern.compile("/predictions/([^/]+)(/cancel)?");
  private static final Pattern MODEL_PREDICTIONS =
      Pattern.compile("/models/([^/]+)/([^/]+)/predictions");
  private static final Pattern DELIVERED =
      Pattern.compile(Pattern.quote(DELIVERY) + "([^/]+)/out-0\\.png");
  private static final Pattern PREFER_WAIT = Pattern.compile("wait(?:=(\\d{1,3}))?");
  private static final String FAILURE =
      "NSFW content detected. Try running it again, or try a different prompt.";
  // A 1x1 PNG: what the output URL downloads.
  private static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a prediction was created with beyond what {@link StandInJob} keeps. */
  private record Created(String version, String baseUrl) {}

  // One instance per server (ServiceLoader): these are this server's predictions only.
  private final Map<String, Created> created = new ConcurrentHashMap<>();
  private final Map<String, Instant> canceledAt = new ConcurrentHashMap<>();
  // One webhook-id per prediction: the same on every retry of its delivery, as the scheme says.
  private final Map<String, String> webhookIds = new ConcurrentHashMap<>();

  @Override
  public String providerId() {
    return "replicate";
  }

  @Override
  public Statuses statuses() {
    return STATUSES;
  }

  @Override
  public boolean serves(String path) {
    return path.equals("/predictions")
        || path.startsWith("/predictions/")
        || MODEL_PREDICTIONS.matcher(path).matches()
        || path.startsWith(DELIVERY);
  }

  @Override
  public ResponseDefinition answer(Request r, StandInJobs jobs) throws Exception {
    String method = r.getMethod().getName();
    String path = URI.create(r.getUrl()).getPath();
    if (path.startsWith(DELIVERY)) return delivered(method, path, jobs);
    if (!authorized(r)) {
      return problem(401, "Unauthenticated", "You did not pass a valid authentication token");
    }
    String base = baseUrl(r);
    if (path.equals("/predictions")) {
      if (method.equals("POST")) return create(r, jobs, base, null);
      if (method.equals("GET")) return list(r, jobs, base);
      return notFound();
    }
    Matcher model = MODEL_PREDICTIONS.matcher(path);
    if (model.matches()) {
      return method.equals("POST")
          ? create(r, jobs, base, model.group(1) + "/" + model.group(2))
          : notFound();
    }
    Matcher m = PREDICTION.matcher(path);
    if (!m.matches()) return notFound();
    boolean cancel = m.group(2) != null;
    if (!method.equals(cancel ? "POST" : "GET")) return notFound();
    Optional<StandInJob> found = jobs.find(m.group(1));
    if (found.isEmpty()) return notFound();
    StandInJob job = found.get();
    Instant now = jobs.now();
    if (cancel && !job.finished(now)) canceledAt.putIfAbsent(job.id(), now);
    return json(200, render(job, now, base));
  }

  /**
   * A create: by version ({@code modelPath} null, {@code POST /predictions}) or of an official
   * model ({@code POST /models/{owner}/{name}/predictions}).
   */
  private ResponseDefinition create(Request r, StandInJobs jobs, String base, String modelPath) {
    JsonNode body;
    try {
      body = JSON.readTree(r.getBodyAsString());
    } catch (JsonProcessingException e) {
      return problem(400, "Invalid JSON", "The request body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      return problem(400, "Invalid JSON", "The request body must be a JSON object");
    }
    if (!body.path("input").isObject()) {
      return problem(422, "Input validation failed", "- input: input is required (an object)");
    }
    String model;
    String version;
    if (modelPath != null) {
      if (body.has("version")) {
        return problem(
            422,
            "Invalid request",
            "- version: give the model in the path or a version, not both"
                + " (use POST /predictions for a version)");
      }
      model = modelPath;
      version = "hidden";
    } else {
      if (body.has("version") == body.has("model")) {
        return problem(
            422, "Invalid request", "- version: give exactly one of version or model (not both)");
      }
      String given = body.has("version") ? body.path("version").asText("") : "";
      if (given.isBlank()) given = body.path("model").asText("");
      if (given.isBlank()) {
        return problem(422, "Invalid request", "- version: version must be a non-empty string");
      }
      int colon = given.indexOf(':');
      if (colon >= 0) {
        model = given.substring(0, colon);
        version = given.substring(colon + 1);
      } else if (given.contains("/")) {
        model = given;
        version = "hidden";
      } else {
        model = BARE_VERSION_MODEL;
        version = given;
      }
      if (model.isBlank() || version.isBlank()) {
        return problem(422, "Invalid request", "- version: expected owner/name:version_id");
      }
    }
    JsonNode filter = body.path("webhook_events_filter");
    boolean completedWanted = filter.isMissingNode() || filter.isNull() || contains(filter);
    String webhook = completedWanted ? body.path("webhook").asText(null) : null;
    StandInJob job = jobs.create(body.path("input"), model, webhook);
    created.put(job.id(), new Created(version, base));
    Instant now = jobs.now();
    OptionalInt wait = preferWait(r);
    if (wait.isEmpty()) return json(201, render(job, now, base));
    Instant waitEnds = now.plusSeconds(wait.getAsInt());
    Instant answeredAt = job.finishesAt().isBefore(waitEnds) ? job.finishesAt() : waitEnds;
    if (answeredAt.isBefore(now)) answeredAt = now;
    ResponseDefinition answer =
        json(job.finished(answeredAt) ? 201 : 202, render(job, answeredAt, base));
    long delay = Duration.between(now, answeredAt).toMillis();
    return delay <= 0
        ? answer
        : ResponseDefinitionBuilder.like(answer).withFixedDelay((int) delay).build();
  }

  private static boolean contains(JsonNode filter) {
    for (JsonNode event : filter) {
      if ("completed".equals(event.asText())) return true;
    }
    return false;
  }

  /** The seconds of {@code Prefer: wait[=n]}, at most 60; empty without one or when unreadable. */
  private static OptionalInt preferWait(Request r) {
    HttpHeader prefer = r.header("Prefer");
    if (prefer == null || !prefer.isPresent()) return OptionalInt.empty();
    for (String value : prefer.values()) {
      for (String preference : value.split(",")) {
        Matcher m = PREFER_WAIT.matcher(preference.trim());
        if (!m.matches()) continue;
        int seconds = m.group(1) == null ? MAX_WAIT_SECONDS : Integer.parseInt(m.group(1));
        return OptionalInt.of(Math.max(1, Math.min(MAX_WAIT_SECONDS, seconds)));
      }
    }
    return OptionalInt.empty();
  }

  private ResponseDefinition list(Request r, StandInJobs jobs, String base) {
    int offset = 0;
    if (r.queryParameter("cursor").isPresent()) {
      try {
        offset = Math.max(0, Integer.parseInt(r.queryParameter("cursor").firstValue()));
      } catch (NumberFormatException e) {
        return problem(400, "Invalid cursor", "The cursor is not one this API gave out");
      }
    }
    List<StandInJob> newestFirst =
        jobs.all().stream()
            .filter(j -> created.containsKey(j.id()))
            .sorted(
                Comparator.comparing(StandInJob::createdAt)
                    .thenComparing(StandInJob::id)
                    .reversed())
            .toList();
    Instant now = jobs.now();
    ObjectNode page = JSON.createObjectNode();
    int end = Math.min(newestFirst.size(), offset + PAGE_SIZE);
    page.put("next", end < newestFirst.size() ? base + "/predictions?cursor=" + end : null);
    page.put(
        "previous",
        offset > 0 ? base + "/predictions?cursor=" + Math.max(0, offset - PAGE_SIZE) : null);
    ArrayNode results = page.putArray("results");
    for (int i = offset; i < end; i++) results.add(render(newestFirst.get(i), now, base));
    return json(200, page);
  }

  /** The output file of a succeeded prediction; no token needed, as on replicate.delivery. */
  private static ResponseDefinition delivered(String method, String path, StandInJobs jobs) {
    Matcher m = DELIVERED.matcher(path);
    if (!method.equals("GET") || !m.matches()) return notFound();
    Optional<StandInJob> job = jobs.find(m.group(1));
    if (job.isEmpty() || !job.get().succeeded(jobs.now())) return notFound();
    return new ResponseDefinitionBuilder()
        .withStatus(200)
        .withHeader("Content-Type", "image/png")
        .withBody(PNG)
        .build();
  }

  @Override
  public ObjectNode render(StandInJob job, Instant now) {
    Created c = created.get(job.id());
    return render(job, now, c == null ? "https://api.replicate.com/v1" : c.baseUrl());
  }

  private ObjectNode render(StandInJob job, Instant now, String base) {
    Created c = created.get(job.id());
    Instant canceled = canceledAt.get(job.id());
    boolean isCanceled = canceled != null && !canceled.isAfter(now);
    String status = isCanceled ? "canceled" : job.status(now);
    // Each status lasts one step: processing starts one step after creation.
    Instant startedAt =
        job.createdAt().plus(Duration.between(job.createdAt(), job.finishesAt()).dividedBy(2));
    boolean started = !now.isBefore(startedAt) && !(isCanceled && canceled.isBefore(startedAt));
    Instant completedAt = isCanceled ? canceled : job.finished(now) ? job.finishesAt() : null;

    ObjectNode n = JSON.createObjectNode();
    n.put("id", job.id())
        .put("model", job.model())
        .put("version", c == null ? "hidden" : c.version());
    n.set("input", job.input());
    n.put(
        "logs",
        !started ? "" : "Using seed: 42\n" + (completedAt != null ? "100%|##########| 4/4\n" : ""));
    if (status.equals("succeeded")) {
      n.putArray("output").add(base + DELIVERY + job.id() + "/out-0.png");
    } else {
      n.putNull("output");
    }
    n.put("error", status.equals("failed") ? FAILURE : null);
    n.put("status", status).put("source", "api").put("data_removed", false);
    n.put("created_at", job.createdAt().toString());
    n.put("started_at", started ? startedAt.toString() : null);
    n.put("completed_at", completedAt == null ? null : completedAt.toString());
    ObjectNode urls = n.putObject("urls");
    urls.put("get", base + "/predictions/" + job.id())
        .put("cancel", base + "/predictions/" + job.id() + "/cancel")
        .put("web", "https://replicate.com/p/" + job.id());
    if (completedAt == null) {
      n.putNull("metrics");
    } else {
      ObjectNode metrics = n.putObject("metrics");
      metrics.put(
          "predict_time",
          started ? Duration.between(startedAt, completedAt).toMillis() / 1000.0 : 0.0);
      metrics.put("total_time", Duration.between(job.createdAt(), completedAt).toMillis() / 1000.0);
    }
    return n;
  }

  @Override
  public Map<String, String> webhookHeaders(StandInJob job, byte[] body, StandInOptions options) {
    String id = webhookIds.computeIfAbsent(job.id(), k -> "msg_" + randomToken());
    long timestamp = Instant.now().getEpochSecond();
    String secret = options.webhookSecret().orElse(WEBHOOK_SECRET);
    return Map.of(
        "webhook-id", id,
        "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature", signature(secret, id, timestamp, body));
  }

  /**
   * The Standard Webhooks signature of a delivery: {@code v1,} and the base64 HMAC-SHA256 of {@code
   * <id>.<timestamp>.<body>}, keyed with the base64-decoded part of {@code secret} after {@code
   * whsec_}.
   */
  static String signature(String secret, String id, long timestamp, byte[] body) {
    String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean authorized(Request r) {
    HttpHeader auth = r.header("Authorization");
    if (auth == null || !auth.isPresent()) return false;
    String value = auth.firstValue();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) && !value.substring(7).isBlank();
  }

  /** The scheme and authority the request was sent to, e.g. {@code http://127.0.0.1:8080}. */
  private static String baseUrl(Request r) {
    URI absolute = URI.create(r.getAbsoluteUrl());
    return absolute.getScheme() + "://" + absolute.getRawAuthority();
  }

  private static ResponseDefinition notFound() {
    return problem(404, "Not found", "The requested resource could not be found");
  }

  /** An RFC 7807 answer, as Replicate sends its errors. */
  private static ResponseDefinition problem(int status, String title, String detail) {
    ObjectNode body =
        JSON.createObjectNode().put("title", title).put("detail", detail).put("status", status);
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/problem+json")
        .withHeader("X-Request-Id", UUID.randomUUID().toString())
        .withBody(body.toString())
        .build();
  }
}
