package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import dev.genjobs.client.webhooks.WebhookHandler;
import dev.genjobs.client.webhooks.WebhookReceiver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST {genjobs.webhooks.path}/{provider}} in the application's own web server: the body
 * goes to the client's {@link WebhookHandler}, which confirms the job with the provider before
 * believing it; the answer is the handler's status, without a body, with the outcome in the {@value
 * WebhookReceiver#OUTCOME_HEADER} header. {@code provider} is the provider's spec folder name, e.g.
 * {@code creative-api}; an unknown one is answered 404.
 */
@RestController
public class GenJobsWebhookController {

  private final WebhookHandler handler;
  private final int maxBodyBytes;

  public GenJobsWebhookController(WebhookHandler handler, int maxBodyBytes) {
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
  }

  @PostMapping("${genjobs.webhooks.path:/genjobs/webhooks}/{provider}")
  public CompletableFuture<ResponseEntity<Void>> deliver(
      @PathVariable("provider") String provider, HttpServletRequest request) throws IOException {
    Optional<Provider> addressed =
        handler.providers().stream().filter(p -> p.id().equals(provider)).findFirst();
    if (addressed.isEmpty()) return answered(404, "UNKNOWN_PROVIDER");
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(maxBodyBytes + 1);
    }
    if (body.length > maxBodyBytes) return answered(413, "TOO_LARGE");
    // The URL as the provider called it: its genjobs_ref query parameter ties a delivery for a job
    // id this service never saw (the create's answer was lost) to the create in the ledger.
    // Answered when the confirming GET is back, through Spring MVC's asynchronous request
    // processing: no servlet thread waits on the provider meanwhile.
    // Verified as that provider signs deliveries, and matched only to that provider's jobs.
    return handler
        .handleAsync(addressed.get(), requestUri(request), body, headers(request))
        .thenApply(result -> answer(result.httpStatus(), result.outcome().name()));
  }

  private static CompletableFuture<ResponseEntity<Void>> answered(int status, String outcome) {
    return CompletableFuture.completedFuture(answer(status, outcome));
  }

  private static ResponseEntity<Void> answer(int status, String outcome) {
    return ResponseEntity.status(status).header(WebhookReceiver.OUTCOME_HEADER, outcome).build();
  }

  private static URI requestUri(HttpServletRequest request) {
    String query = request.getQueryString();
    return URI.create(request.getRequestURI() + (query == null ? "" : "?" + query));
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }
}
