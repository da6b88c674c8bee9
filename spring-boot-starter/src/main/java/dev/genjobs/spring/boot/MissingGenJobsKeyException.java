package dev.genjobs.spring.boot;

import java.util.List;

/** A configured provider lacks a key: startup fails naming the property to set. */
public class MissingGenJobsKeyException extends IllegalStateException {

  private final List<String> properties;

  public MissingGenJobsKeyException(List<String> properties, String message) {
    super(message);
    this.properties = List.copyOf(properties);
  }

  /** The properties to set, e.g. {@code genjobs.creative-api.api-key}. */
  public List<String> properties() {
    return properties;
  }
}
