package dev.genjobs.client;

import java.net.URI;

/** The providers this library talks to, with their spec folder and production base URL. */
public enum Provider {
  CREATIFY_INSPIRATION(
      "creatify-inspiration", "Creatify Inspiration Jobs", "https://api.creatify.ai"),
  CREATIFY_ASSET_GENERATOR(
      "creatify-asset-generator", "Creatify Asset Generator", "https://api.creatify.ai"),
  UNSTRUCTURED(
      "unstructured-platform", "Unstructured Platform", "https://platform.unstructuredapp.io"),
  CREATIVE_API("creative-api", "Creative API", "https://api.deepixels.co/v1");

  private final String specFolder;
  private final String displayName;
  private final URI defaultBaseUrl;

  Provider(String specFolder, String displayName, String defaultBaseUrl) {
    this.specFolder = specFolder;
    this.displayName = displayName;
    this.defaultBaseUrl = URI.create(defaultBaseUrl);
  }

  /** The folder under {@code specs/} this provider's client was generated from. */
  public String specFolder() {
    return specFolder;
  }

  public String displayName() {
    return displayName;
  }

  /** The production server URL from the provider's spec. */
  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }
}
