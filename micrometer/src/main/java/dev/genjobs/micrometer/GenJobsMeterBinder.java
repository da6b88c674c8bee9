package dev.genjobs.micrometer;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.List;

/**
 * {@code genjobs.jobs.in.flight}: jobs the client is watching, by provider and last seen status
 * (counted when the gauge is read, e.g. at each scrape).
 */
public final class GenJobsMeterBinder implements MeterBinder {

  private static final List<JobStatus> RUNNING_STATUSES =
      Arrays.stream(JobStatus.values()).filter(s -> !s.isTerminal()).toList();

  private final GenJobsClient client;

  public GenJobsMeterBinder(GenJobsClient client) {
    this.client = client;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Provider provider : Provider.values()) {
      for (JobStatus status : RUNNING_STATUSES) {
        gauge(registry, provider, status, status.name());
      }
      gauge(registry, provider, null, GenJobsMeters.STATUS_UNKNOWN);
    }
  }

  private void gauge(MeterRegistry registry, Provider provider, JobStatus status, String tag) {
    Gauge.builder(GenJobsMeters.JOBS_IN_FLIGHT, client, c -> c.jobsInFlight(provider, status))
        .description("Jobs being watched, by last seen status")
        .tag(GenJobsMeters.PROVIDER, provider.specFolder())
        .tag(GenJobsMeters.STATUS, tag)
        .strongReference(true)
        .register(registry);
  }
}
