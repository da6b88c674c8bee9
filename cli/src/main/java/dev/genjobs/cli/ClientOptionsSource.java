package dev.genjobs.cli;

import dev.genjobs.client.ClientOptions;

/**
 * Where the CLI's client configuration comes from. In the shipped tool: the process environment,
 * the only place keys are read from (never flags, which end up in shell history and process lists).
 * Tests hand in their own variables and a fast poll policy.
 */
@FunctionalInterface
interface ClientOptionsSource {

  /** A fresh builder with keys and base URL overrides set; flags are applied on top. */
  ClientOptions.Builder load();

  static ClientOptionsSource environment() {
    return () -> ClientOptions.builder().env(System.getenv());
  }
}
