package dev.genjobs.client.core;

import dev.genjobs.client.observability.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ClassicHttpRequest;

/**
 * How a provider client reads one job: a GET whose answer must carry a status (the field the
 * watcher acts on, decoded strictly) and is otherwise decoded leniently, either under the call
 * rules with retries ({@link #read}) or sent once without blocking ({@link #readOnce}, the
 * watcher's poll). What differs between providers is only the request, the body type and the status
 * field.
 *
 * @param <T> the generated model of the job body
 */
public final class JobReads<T> {

  private final CallExecutor executor;
  private final RawHttp raw;
  private final Operation operation;
  private final Class<T> type;
  private final Function<T, ?> status;

  /**
   * @param operation the read, named in errors and call metrics
   * @param status the body's status field: an answer without it is a malformed response
   */
  public JobReads(
      ClientContext context,
      RawHttp raw,
      Operation operation,
      Class<T> type,
      Function<T, ?> status) {
    this.executor = context.executor();
    this.raw = raw;
    this.operation = operation;
    this.type = type;
    this.status = status;
  }

  /** Reads the job, retried as reads are; {@code arguments} name the job in errors. */
  public Decoded<T> read(String arguments, ClassicHttpRequest request) {
    return executor.execute(
        operation, arguments, () -> raw.sendJsonDecoded(request, type).require(status, "/status"));
  }

  /**
   * Reads the job once, without blocking: the answer completes on the library's send pool. {@code
   * request} is built inside the call, so an input error it raises fails the future like any other.
   */
  public CompletableFuture<Decoded<T>> readOnce(Supplier<ClassicHttpRequest> request) {
    return executor.once(
        operation,
        () -> raw.sendJsonAsync(request.get(), type).thenApply(d -> d.require(status, "/status")));
  }
}
