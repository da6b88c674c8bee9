package dev.genjobs.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with nothing but auto-configuration, as a user's service starts. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {}
