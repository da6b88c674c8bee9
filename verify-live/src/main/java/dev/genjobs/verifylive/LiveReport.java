package dev.genjobs.verifylive;

import dev.genjobs.client.Provider;
import java.util.List;

/**
 * What one live check of one provider found.
 *
 * @param provider the provider asked
 * @param specVersion the version of the effective spec the answers were checked against
 * @param answersChecked how many answers were checked
 * @param findings every difference from the spec: drift when not empty
 * @param notes what was not checked and why (e.g. no job id to ask about)
 * @param problems answers that could not be checked at all (unreachable, the key refused): not
 *     drift, an error
 */
public record LiveReport(
    Provider provider,
    String specVersion,
    int answersChecked,
    List<Finding> findings,
    List<String> notes,
    List<String> problems) {

  public LiveReport {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
    problems = List.copyOf(problems);
  }

  /** Every answer checked matched the spec. */
  public boolean conforms() {
    return findings.isEmpty();
  }
}
