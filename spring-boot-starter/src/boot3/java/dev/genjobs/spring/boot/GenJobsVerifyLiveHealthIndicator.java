package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The last scheduled live check per provider in {@code /actuator/health}: whether its answers
 * conformed to its spec, how many were checked, the findings (at most {@value #SHOWN} each, with
 * operation, pointer, expected and seen; never a key or a signed URL). Always UP: a provider
 * drifting from its spec is not this application failing, and restarting it would not help; alert
 * on {@code genjobs.verify_live.findings} instead.
 */
public class GenJobsVerifyLiveHealthIndicator extends AbstractHealthIndicator {

  static final int SHOWN = 10;

  private final VerifyLiveSchedule schedule;

  public GenJobsVerifyLiveHealthIndicator(VerifyLiveSchedule schedule) {
    super("genjobs verify-live health check failed");
    this.schedule = schedule;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    for (Provider provider : schedule.providers()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      schedule
          .last(provider)
          .ifPresentOrElse(
              last -> {
                detail.put("at", last.at().toString());
                if (last.report() == null) {
                  detail.put("error", last.error());
                  return;
                }
                detail.put("conforms", last.report().conforms());
                detail.put("answersChecked", last.report().answersChecked());
                detail.put("findings", last.report().findings().size());
                List<Map<String, Object>> shown =
                    last.report().findings().stream().limit(SHOWN).map(this::finding).toList();
                if (!shown.isEmpty()) detail.put("firstFindings", shown);
                if (!last.report().notes().isEmpty()) detail.put("notes", last.report().notes());
                if (!last.report().problems().isEmpty()) {
                  detail.put("problems", last.report().problems());
                }
              },
              () -> detail.put("lastCheck", "none yet"));
      builder.withDetail(provider.specFolder(), detail);
    }
    builder.up();
  }

  private Map<String, Object> finding(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operation", f.operation());
    m.put("status", f.status());
    m.put("kind", f.kind().id());
    m.put("pointer", f.pointer());
    m.put("expected", f.expected());
    m.put("seen", f.seen());
    return m;
  }
}
