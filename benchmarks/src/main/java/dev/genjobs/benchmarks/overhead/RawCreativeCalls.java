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
 * The baseline: the Creative API's create and get written by hand on {@code java.net.http} and
 * Jackson, as a user without the library would. Same client settings as the library's (HTTP/1.1,
 * keep-alive pool, 10 s connect, 60 s per request, redirects followed), same headers, same JSON.
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

  private final HttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();
  private final URI generateUri;
  private final String getUriPrefix;
  private final String apiKey;
  private final String userAgent;

  RawCreativeCalls(URI baseUrl, String apiKey, String userAgent) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.generateUri = baseUrl.resolve("/generate");
    this.getUriPrefix = baseUrl.resolve("/get").toString() + "?jobId=";
    this.apiKey = apiKey;
    this.userAgent = userAgent;
  }

  Generated generate(String model, Map<String, Object> input)
      throws IOException, InterruptedException {
    byte[] body = mapper.writeValueAsBytes(new GenerateBody(model, input));
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

  private byte[] send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri() + ": " + response.statusCode());
    }
    return response.body();
  }
}
