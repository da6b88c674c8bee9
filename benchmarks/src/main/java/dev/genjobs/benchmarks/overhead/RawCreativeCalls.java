package dev.genjobs.benchmarks.overhead;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the Creative API's create and get written by hand with Jackson, as a user without
 * the library would, on either HTTP client: Apache HttpClient 5 classic (what the library runs on,
 * so the comparison is the library's own cost) or {@code java.net.http} (what a user reaches for
 * first). Same client settings as the library's (HTTP/1.1, keep-alive pool, 10 s connect, 60 s
 * read, redirects followed), same JSON.
 */
final class RawCreativeCalls {

  /** The request body; a record so the fields go out in this order, like the generated model's. */
  record GenerateBody(String model, Map<String, Object> input) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Generated(String jobId, String status) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Output(List<URI> imageUrl, URI videoUrl) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record RawJob(
      String jobId,
      String model,
      String status,
      Map<String, Object> input,
      String webhook,
      Double date,
      Output output) {}

  /** Which HTTP client the calls are written on. */
  enum Http {
    HC5,
    JDK
  }

  private final HttpClient http;
  private final org.apache.hc.client5.http.impl.classic.CloseableHttpClient hc5;
  private final ObjectMapper mapper = new ObjectMapper();
  private final URI generateUri;
  private final String getUriPrefix;
  private final String apiKey;
  private final String userAgent;

  RawCreativeCalls(Http on, URI baseUrl, String apiKey, String userAgent) {
    this.http =
        on != Http.JDK
            ? null
            : HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    this.hc5 =
        on != Http.HC5
            ? null
            : org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                .setConnectionManager(
                    org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder
                        .create()
                        .setMaxConnPerRoute(64)
                        .setMaxConnTotal(64)
                        .setDefaultConnectionConfig(
                            org.apache.hc.client5.http.config.ConnectionConfig.custom()
                                .setConnectTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(10))
                                .setSocketTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(60))
                                .build())
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    this.generateUri = baseUrl.resolve("/generate");
    this.getUriPrefix = baseUrl.resolve("/get").toString() + "?jobId=";
    this.apiKey = apiKey;
    this.userAgent = userAgent;
  }

  Generated generate(String model, Map<String, Object> input)
      throws IOException, InterruptedException {
    byte[] body = mapper.writeValueAsBytes(new GenerateBody(model, input));
    if (hc5 != null) {
      org.apache.hc.client5.http.classic.methods.HttpPost post =
          new org.apache.hc.client5.http.classic.methods.HttpPost(generateUri);
      post.addHeader("Content-Type", "application/json");
      post.addHeader("Accept", "application/json");
      post.addHeader("User-Agent", userAgent);
      post.addHeader("x-api-key", apiKey);
      post.setEntity(new org.apache.hc.core5.http.io.entity.ByteArrayEntity(body, null));
      return mapper.readValue(send(post), Generated.class);
    }
    HttpRequest request =
        HttpRequest.newBuilder(generateUri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .header("x-api-key", apiKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return mapper.readValue(send(request), Generated.class);
  }

  RawJob get(String jobId) throws IOException, InterruptedException {
    if (hc5 != null) {
      org.apache.hc.client5.http.classic.methods.HttpGet get =
          new org.apache.hc.client5.http.classic.methods.HttpGet(
              getUriPrefix + URLEncoder.encode(jobId, StandardCharsets.UTF_8));
      get.addHeader("Accept", "application/json");
      get.addHeader("User-Agent", userAgent);
      get.addHeader("x-api-key", apiKey);
      return mapper.readValue(send(get), RawJob.class);
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(getUriPrefix + URLEncoder.encode(jobId, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .header("x-api-key", apiKey)
            .GET()
            .build();
    return mapper.readValue(send(request), RawJob.class);
  }

  private byte[] send(org.apache.hc.client5.http.classic.methods.HttpUriRequestBase request)
      throws IOException {
    return hc5.execute(
        request,
        response -> {
          byte[] body =
              org.apache.hc.core5.http.io.entity.EntityUtils.toByteArray(response.getEntity());
          if (response.getCode() / 100 != 2) {
            throw new IOException(request + ": " + response.getCode());
          }
          return body;
        });
  }

  private byte[] send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri() + ": " + response.statusCode());
    }
    return response.body();
  }
}
