package dev.genjobs.client.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.OutputFile;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a {@link JobRecord} maps to the columns of {@code genjobs_job}. Not API. */
public final class RecordColumns {

  /** Every column but ledger_id and version, in the order {@link #bind} sets them. */
  static final List<String> DATA =
      List.of(
          "provider",
          "operation",
          "state",
          "request_summary",
          "request_fingerprint",
          "correlation_token",
          "provider_job_id",
          "status",
          "raw_status",
          "failure_reason",
          "outputs",
          "attempts",
          "expect_webhook",
          "created_at",
          "updated_at",
          "ended_at",
          "next_poll_at",
          "poll_failures",
          "polls",
          "input_fingerprint",
          "create_deadline_at",
          "candidate_job_ids");

  private static final int SUMMARY_LIMIT = 4000;
  private static final int REASON_LIMIT = 4000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordColumns() {}

  /** Sets the {@link #DATA} columns starting at parameter {@code first}; returns the next index. */
  static int bind(Dialect d, PreparedStatement ps, int first, JobRecord r) throws SQLException {
    int i = first;
    ps.setString(i++, r.provider().id());
    ps.setString(i++, r.operation());
    ps.setString(i++, r.state().name());
    ps.setString(i++, cap(r.requestSummary(), SUMMARY_LIMIT));
    ps.setString(i++, r.requestFingerprint());
    ps.setString(i++, r.correlationToken());
    ps.setString(i++, r.providerJobId().orElse(null));
    ps.setString(i++, r.status().map(Enum::name).orElse(null));
    ps.setString(i++, r.rawStatus().map(s -> cap(s, 255)).orElse(null));
    ps.setString(i++, r.failureReason().map(s -> cap(s, REASON_LIMIT)).orElse(null));
    ps.setString(i++, outputsJson(r));
    ps.setString(i++, attemptsJson(r.attempts()));
    ps.setBoolean(i++, r.expectWebhook());
    d.setInstant(ps, i++, r.createdAt());
    d.setInstant(ps, i++, r.updatedAt());
    d.setInstant(ps, i++, r.endedAt().orElse(null));
    d.setInstant(ps, i++, r.nextPollAt().orElse(null));
    ps.setInt(i++, r.pollFailures());
    ps.setInt(i++, r.polls());
    ps.setString(
        i++, r.inputFingerprint().isEmpty() ? null : cap(r.inputFingerprint().encoded(), 20000));
    d.setInstant(ps, i++, r.createDeadlineAt().orElse(null));
    ps.setString(i++, r.candidateJobIds().isEmpty() ? null : write(r.candidateJobIds()));
    return i;
  }

  static JobRecord read(Dialect d, ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    Outputs outputs = outputs(rs.getString("outputs"));
    return JobRecord.builder()
        .ledgerId(rs.getString("ledger_id"))
        .version(rs.getLong("version"))
        .provider(Provider.valueOf(rs.getString("provider")))
        .operation(rs.getString("operation"))
        .state(LedgerState.valueOf(rs.getString("state")))
        .requestSummary(rs.getString("request_summary"))
        .requestFingerprint(rs.getString("request_fingerprint"))
        .correlationToken(rs.getString("correlation_token"))
        .providerJobId(rs.getString("provider_job_id"))
        .status(status == null ? null : JobStatus.valueOf(status), rs.getString("raw_status"))
        .failureReason(rs.getString("failure_reason"))
        .outputUrls(outputs.urls())
        .outputFiles(outputs.files())
        .attempts(attempts(rs.getString("attempts")))
        .expectWebhook(rs.getBoolean("expect_webhook"))
        .createdAt(d.getInstant(rs, "created_at"))
        .updatedAt(d.getInstant(rs, "updated_at"))
        .endedAt(d.getInstant(rs, "ended_at"))
        .nextPollAt(d.getInstant(rs, "next_poll_at"))
        .pollFailures(rs.getInt("poll_failures"))
        .polls(rs.getInt("polls"))
        .inputFingerprint(InputFingerprint.parse(rs.getString("input_fingerprint")))
        .createDeadlineAt(d.getInstant(rs, "create_deadline_at"))
        .candidateJobIds(candidates(rs.getString("candidate_job_ids")))
        .build();
  }

  private static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private record Outputs(List<URI> urls, List<OutputFile> files) {}

  private static String outputsJson(JobRecord r) {
    if (r.outputUrls().isEmpty() && r.outputFiles().isEmpty()) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("urls", r.outputUrls().stream().map(URI::toString).toList());
    m.put("files", r.outputFiles());
    return write(m);
  }

  private static Outputs outputs(String json) {
    if (json == null || json.isBlank()) return new Outputs(List.of(), List.of());
    try {
      Map<String, Object> m = JSON.readValue(json, new TypeReference<>() {});
      List<URI> urls = new ArrayList<>();
      for (Object u : (List<?>) m.getOrDefault("urls", List.of())) urls.add(URI.create((String) u));
      List<OutputFile> files =
          JSON.convertValue(m.getOrDefault("files", List.of()), new TypeReference<>() {});
      return new Outputs(urls, files);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable outputs column: " + e.getOriginalMessage(), e);
    }
  }

  private static List<String> candidates(String json) {
    if (json == null || json.isBlank()) return List.of();
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "unreadable candidate_job_ids column: " + e.getOriginalMessage(), e);
    }
  }

  private static String attemptsJson(List<Attempt> attempts) {
    List<Map<String, String>> rows = new ArrayList<>(attempts.size());
    for (Attempt a : attempts) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("at", a.at().toString());
      m.put("event", a.event());
      m.put("detail", cap(a.detail(), 1000));
      m.put("instance", a.instance());
      rows.add(m);
    }
    return write(rows);
  }

  private static List<Attempt> attempts(String json) {
    if (json == null || json.isBlank()) return List.of();
    try {
      List<Map<String, String>> rows = JSON.readValue(json, new TypeReference<>() {});
      List<Attempt> out = new ArrayList<>(rows.size());
      for (Map<String, String> m : rows) {
        out.add(
            new Attempt(
                Instant.parse(m.get("at")), m.get("event"), m.get("detail"), m.get("instance")));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable attempts column: " + e.getOriginalMessage(), e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
