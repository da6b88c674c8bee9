/**
 * Internal: the library's engine (HTTP transport, retries, the client context provider packages are
 * built on). Not API: code outside the library must not use it (an ArchUnit rule checks the modules
 * built on it), and it changes in any release. Users configure the client through {@code
 * ClientOptions}; provider packages use {@link dev.genjobs.client.core.ClientContext}.
 */
package dev.genjobs.client.core;
