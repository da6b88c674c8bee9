package dev.genjobs.client.creatify;

import dev.genjobs.client.spi.ProviderModule;
import java.util.List;
import java.util.Set;

/**
 * What both Creatify APIs share as provider modules: the two keys, their headers and the one base
 * URL variable. Each API names its provider and builds its client.
 */
abstract class CreatifyModule implements ProviderModule {

  @Override
  public final List<String> keyVariables() {
    return List.of(CreatifyAuth.API_ID, CreatifyAuth.API_KEY);
  }

  @Override
  public final String baseUrlVariable() {
    return CreatifyAuth.BASE_URL;
  }

  @Override
  public final Set<String> secretHeaders() {
    return CreatifyAuth.HEADERS;
  }
}
