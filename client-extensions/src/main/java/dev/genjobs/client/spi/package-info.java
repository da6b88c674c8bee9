/**
 * How a provider plugs into the library: a provider package implements {@link
 * dev.genjobs.client.spi.ProviderModule} and registers it in {@code
 * META-INF/services/dev.genjobs.client.spi.ProviderModule}. See "Adding a provider" in the
 * project's {@code docs/adding-a-provider.md}.
 */
package dev.genjobs.client.spi;
