package dev.genjobs.client;

import dev.genjobs.client.spi.ProviderModules;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider this library talks to: its id (the folder under {@code specs/} its client was
 * generated from), its name for people, and its production base URL. An open value, equal by id: a
 * provider package defines its own with {@link #of} and registers a {@link
 * dev.genjobs.client.spi.ProviderModule}; the constants here are the providers this library ships.
 */
public final class Provider implements Comparable<Provider> {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public static final Provider CREATIFY_INSPIRATION =
      new Provider(
          "creatify-inspiration",
          "Creatify Inspiration Jobs",
          "https://api.creatify.ai",
          "CREATIFY_INSPIRATION");
  public static final Provider CREATIFY_ASSET_GENERATOR =
      new Provider(
          "creatify-asset-generator",
          "Creatify Asset Generator",
          "https://api.creatify.ai",
          "CREATIFY_ASSET_GENERATOR");
  public static final Provider UNSTRUCTURED =
      new Provider(
          "unstructured-platform",
          "Unstructured Platform",
          "https://platform.unstructuredapp.io",
          "UNSTRUCTURED");
  public static final Provider CREATIVE_API =
      new Provider("creative-api", "Creative API", "https://api.deepixels.co/v1", "CREATIVE_API");

  private final String id;
  private final String displayName;
  private final URI defaultBaseUrl;
  // The constant's name when Provider was an enum: ledger rows written then carry it.
  private final String formerName;

  private Provider(String id, String displayName, String defaultBaseUrl, String formerName) {
    if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
      throw new IllegalArgumentException(
          "provider id must be lower-case words joined by '-' (its specs/ folder), got '"
              + id
              + "'");
    }
    if (displayName == null || displayName.isBlank()) {
      throw new IllegalArgumentException("provider " + id + " needs a display name");
    }
    this.id = id;
    this.displayName = displayName;
    this.defaultBaseUrl = URI.create(Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl"));
    this.formerName = formerName;
  }

  /**
   * A provider value, e.g. {@code Provider.of("replicate", "Replicate",
   * "https://api.replicate.com/v1")}.
   *
   * @param id its folder under {@code specs/}: lower-case words joined by {@code -}
   * @param displayName its name for people, in messages and logs
   * @param defaultBaseUrl the production server URL from its spec
   */
  public static Provider of(String id, String displayName, String defaultBaseUrl) {
    return new Provider(id, displayName, defaultBaseUrl, null);
  }

  /** Every provider whose module is registered (see {@link ProviderModules}), in id order. */
  public static List<Provider> values() {
    return ProviderModules.installed().providers();
  }

  /**
   * The registered provider with this id; also takes the constant names this type had when it was
   * an enum ({@code CREATIVE_API}), as older ledger rows and configuration carry them.
   */
  public static Optional<Provider> find(String idOrFormerName) {
    if (idOrFormerName == null) return Optional.empty();
    String wanted = idOrFormerName.trim();
    for (Provider p : values()) {
      if (p.id.equals(wanted.toLowerCase(Locale.ROOT)) || wanted.equals(p.formerName)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Like {@link #find}, failing with the known ids when there is no such provider. */
  public static Provider valueOf(String idOrFormerName) {
    return find(idOrFormerName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no provider '"
                        + idOrFormerName
                        + "'; registered: "
                        + values().stream().map(Provider::id).toList()));
  }

  /** Its id: the folder under {@code specs/}, also its name in configuration and the ledger. */
  public String id() {
    return id;
  }

  /** The folder under {@code specs/} this provider's client was generated from: its {@link #id}. */
  public String specFolder() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** The production server URL from the provider's spec. */
  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }

  @Override
  public int compareTo(Provider other) {
    return id.compareTo(other.id);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Provider p && p.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id;
  }
}
