package dev.genjobs.client.observability;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.webhooks.WebhookResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fan-out and fault isolation for {@link ClientObserver}s: observing never breaks a call. */
final class Observers {

  private static final Logger LOG = LoggerFactory.getLogger(ClientObserver.class);

  private Observers() {}

  static ClientObserver composite(List<ClientObserver> observers) {
    List<ClientObserver> real = observers.stream().filter(o -> o != ClientObserver.NONE).toList();
    if (real.isEmpty()) return ClientObserver.NONE;
    return new Composite(real);
  }

  private static <T> void each(List<T> targets, Consumer<T> action) {
    for (T t : targets) {
      try {
        action.accept(t);
      } catch (RuntimeException e) {
        LOG.warn("observer {} failed; ignored", t, e);
      }
    }
  }

  private record Composite(List<ClientObserver> observers) implements ClientObserver {

    @Override
    public Call callStarted(Operation operation) {
      List<Call> calls = new ArrayList<>(observers.size());
      each(observers, o -> calls.add(o.callStarted(operation)));
      return fanOut(calls);
    }

    @Override
    public Call asyncCallStarted(Operation operation) {
      List<Call> calls = new ArrayList<>(observers.size());
      each(observers, o -> calls.add(o.asyncCallStarted(operation)));
      return fanOut(calls);
    }

    private static Call fanOut(List<Call> calls) {
      return new Call() {
        @Override
        public void retrying(int attempt, Throwable failure, Duration wait) {
          each(calls, c -> c.retrying(attempt, failure, wait));
        }

        @Override
        public void ended(CallOutcome outcome) {
          each(calls, c -> c.ended(outcome));
        }
      };
    }

    @Override
    public void jobCreated(Provider provider, String jobId) {
      each(observers, o -> o.jobCreated(provider, jobId));
    }

    @Override
    public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {
      each(observers, o -> o.pollCompleted(ticket, snapshot, failure));
    }

    @Override
    public void jobEnded(Provider provider, String jobId, JobSnapshot terminal, Throwable failure) {
      each(observers, o -> o.jobEnded(provider, jobId, terminal, failure));
    }

    @Override
    public Delivery webhookReceived() {
      List<Delivery> deliveries = new ArrayList<>(observers.size());
      each(observers, o -> deliveries.add(o.webhookReceived()));
      return new Delivery() {
        @Override
        public void handled(WebhookResult result, Throwable failure) {
          each(deliveries, d -> d.handled(result, failure));
        }
      };
    }
  }
}
