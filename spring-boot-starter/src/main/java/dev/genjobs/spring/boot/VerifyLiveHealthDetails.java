package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health details of the last scheduled live check, per provider folder: whether its answers
 * conformed, how many were checked, the first {@value #SHOWN} findings (operation, pointer,
 * expected, seen; never a key or a signed URL). Shared by the Boot 3 and Boot 4 health indicators,
 * which differ only in Spring's package names.
 */
final class VerifyLiveHealthDetails {

  static final int SHOWN = 10;

  private VerifyLiveHealthDetails() {}

  static Map<String, Object> of(VerifyLiveSchedule schedule) {
    Map<String, Object> details = new LinkedHashMap<>();
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
                    last.report().findings().stream()
                        .limit(SHOWN)
                        .map(VerifyLiveHealthDetails::finding)
                        .toList();
                if (!shown.isEmpty()) detail.put("firstFindings", shown);
                if (!last.report().notes().isEmpty()) detail.put("notes", last.report().notes());
                if (!last.report().problems().isEmpty()) {
                  detail.put("problems", last.report().problems());
                }
              },
              () -> detail.put("lastCheck", "none yet"));
      details.put(provider.specFolder(), detail);
    }
    return details;
  }

  private static Map<String, Object> finding(Finding f) {
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
