package dev.genjobs.client.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.testing.ConsoleCapture;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A status value the library does not know is seen: logged once per provider and value at WARN,
 * marked in every progress report, and mappable, so a provider's new terminal value can end waits.
 */
class UnknownStatusTest {

  private static final String EXPIRED = q("{'jobId':'u-1','status':'expired'}");

  @Test
  void givenAnUnknownStatus_whenReadThreeTimes_thenOneWarningNamesProviderValueAndTheFix() {
    try (Stand stand = JobStands.stand()) {
      stand.stubFor(get(urlPathEqualTo("/get")).willReturn(json(EXPIRED)));

      ConsoleCapture.Captured captured =
          ConsoleCapture.run(
              () -> {
                for (int i = 0; i < 3; i++) stand.client().creative().job("u-1").refresh();
              });

      assertThat(captured.thrown()).isNull();
      String warning = "Creative API sent the unknown job status \"expired\"";
      assertThat(captured.output())
          .contains(warning, "WARN", "statusMapping(Provider.valueOf(\"creative-api\")");
      assertThat(captured.output().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
    }
  }

  @Test
  void givenAnUnknownStatus_whenAwaited_thenEveryProgressReportMarksItUnrecognized()
      throws Exception {
    try (Stand stand = JobStands.stand()) {
      stand.stubFor(get(urlPathEqualTo("/get")).willReturn(json(EXPIRED)));
      List<JobProgress> seen = new CopyOnWriteArrayList<>();

      var wait =
          stand
              .client()
              .job(Provider.CREATIVE_API, "u-1")
              .awaitAsync(Duration.ofSeconds(20), seen::add);
      assertThat(JobStands.eventually(Duration.ofSeconds(10), () -> seen.size() >= 2)).isTrue();
      wait.cancel(true);

      assertThat(seen).allSatisfy(p -> assertThat(p.unrecognizedStatus()).isTrue());
      assertThat(seen.get(0).snapshot().status()).isEqualTo(JobStatus.RUNNING);
      assertThat(seen.get(0).snapshot().rawStatus()).isEqualTo("expired");
    }
  }

  @Test
  void givenTheUserMapsTheUnknownStatusToFailed_whenAwaited_thenTheWaitEndsAtTheFirstPoll()
      throws Exception {
    try (Stand stand =
        JobStands.stand(o -> o.statusMapping(Provider.CREATIVE_API, "Expired", JobStatus.FAILED))) {
      stand.stubFor(get(urlPathEqualTo("/get")).willReturn(json(EXPIRED)));

      JobSnapshot done =
          stand.client().job(Provider.CREATIVE_API, "u-1").await(Duration.ofSeconds(20));

      assertThat(done.status()).isEqualTo(JobStatus.FAILED);
      assertThat(done.statusRecognized()).isTrue();
      assertThat(JobStands.requestCount(stand)).isEqualTo(1);
    }
  }
}
