package dev.genjobs.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing key into Spring Boot's "APPLICATION FAILED TO START" description and action. */
class MissingGenJobsKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingGenJobsKeyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingGenJobsKeyException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set "
            + String.join(", ", cause.properties())
            + " (e.g. in application.yml, or as environment variables in Spring's relaxed form"
            + " such as GENJOBS_CREATIVEAPI_APIKEY), or set genjobs.enabled=false.",
        cause);
  }
}
