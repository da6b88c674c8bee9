package dev.genjobs.client.http;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import java.net.URI;
import java.time.Duration;

/**
 * Run in a child JVM: creates Creative API jobs against {@code args[0]} (a port), pausing {@code
 * args[2..]} milliseconds before each, with the client's idle connection timeout {@code args[1]}
 * seconds. Prints one line per create: {@code CREATED <id>} or {@code AMBIGUOUS <message>}.
 */
public final class SpacedCreates {

  public static void main(String[] args) throws Exception {
    URI base = URI.create("http://127.0.0.1:" + args[0]);
    ClientOptions options =
        ClientOptions.builder()
            .creativeApiKey("k-not-a-real-key")
            .baseUrl(Provider.CREATIVE_API, base)
            .idleConnectionTimeout(Duration.ofSeconds(Long.parseLong(args[1])))
            .logHttp(false)
            .build();
    try (GenJobsClient client = GenJobsClient.create(options)) {
      for (int i = 2; i < args.length; i++) {
        // The pause is the behaviour under test (a connection left idle this long), not a wait
        // for something to happen.
        Thread.sleep(Long.parseLong(args[i]));
        try {
          String id =
              client
                  .creative()
                  .generate(GenerateRequest.builder().model("m").input("prompt", "p").build())
                  .id();
          System.out.println("CREATED " + id);
        } catch (AmbiguousOutcomeException e) {
          System.out.println("AMBIGUOUS " + e.getCause().getClass().getSimpleName());
        }
      }
    }
  }
}
