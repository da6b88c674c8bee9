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

  /**
   * Where the job ledger is when {@code --store} is not given: a directory for the embedded SQLite
   * file or a JDBC URL; empty keeps the ledger in memory (tests).
   */
  default java.util.Optional<String> defaultStore() {
    return java.util.Optional.empty();
  }

  /** A variable of the configuration's environment (the store's user and password). */
  default java.util.Optional<String> variable(String name) {
    return java.util.Optional.empty();
  }

  static ClientOptionsSource environment() {
    return new ClientOptionsSource() {
      @Override
      public ClientOptions.Builder load() {
        return ClientOptions.builder().env(System.getenv());
      }

      @Override
      public java.util.Optional<String> defaultStore() {
        return java.util.Optional.of(
            variable(LedgerLocation.STORE_VARIABLE)
                .orElseGet(() -> LedgerLocation.userDataDirectory(System.getenv()).toString()));
      }

      @Override
      public java.util.Optional<String> variable(String name) {
        return java.util.Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
      }
    };
  }
}
