package dev.genjobs.client.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.testing.Stand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The library's own HTTP client follows the JVM's proxy settings (here an application's {@link
 * ProxySelector}; {@code https.proxyHost} and friends feed the default one): a provider whose host
 * does not even resolve is reached through the proxy, which stands on loopback.
 */
class ProxySettingsTest {

  private static final String JOB = "{\"jobId\":\"j-1\",\"status\":\"processing\"}";

  @Test
  void givenTheJvmsProxySelector_whenCalling_thenTheRequestGoesThroughTheProxy() {
    ProxySelector before = ProxySelector.getDefault();
    AtomicReference<InetSocketAddress> proxy = new AtomicReference<>();
    List<URI> asked = new CopyOnWriteArrayList<>();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(new Proxy(Proxy.Type.HTTP, proxy.get()));
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    try (Stand stand =
        Stand.start(
            o -> o.baseUrl(Provider.CREATIVE_API, URI.create("http://creative-api.invalid")))) {
      proxy.set(new InetSocketAddress("127.0.0.1", stand.server().port()));
      stand.stubFor(get(urlPathEqualTo("/get")).willReturn(okJson(JOB)));

      JobSnapshot snapshot = stand.client().creative().job("j-1").refresh();

      assertThat(snapshot.rawStatus()).isEqualTo("processing");
      assertThat(asked).extracting(URI::getHost).contains("creative-api.invalid");
    } finally {
      ProxySelector.setDefault(before);
    }
  }
}
