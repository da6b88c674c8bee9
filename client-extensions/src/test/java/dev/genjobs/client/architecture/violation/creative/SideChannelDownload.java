package dev.genjobs.client.architecture.violation.creative;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A deliberate violation: a provider class with an HTTP client of its own. */
public final class SideChannelDownload {
  public byte[] fetch(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }
}
