package dev.genjobs.examples.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small REST service on genjobs-spring-boot-starter: {@code POST /jobs/{provider}} starts a
 * generation job whose webhook comes back to this service's own port, {@code POST /jobs} starts
 * one per provider, {@code GET /jobs} lists what it started and how each ended; {@code
 * /actuator/metrics/genjobs.call} and friends show the genjobs meters.
 */
@SpringBootApplication
public class GenJobsServiceApplication {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(GenJobsServiceApplication.class);
    app.addInitializers(new StandInsInitializer());
    app.run(args);
  }
}
