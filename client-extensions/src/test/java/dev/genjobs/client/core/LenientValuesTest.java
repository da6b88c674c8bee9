package dev.genjobs.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Values a model only passes through never fail a decode; what the client acts on still does. */
class LenientValuesTest {

  static final class Model {
    @JsonProperty("count")
    Integer count;

    @JsonProperty("runtime")
    Duration runtime;

    @JsonProperty("at")
    OffsetDateTime at;

    @JsonProperty("id")
    UUID id;

    @JsonProperty("link")
    URI link;

    @JsonProperty("links")
    List<URI> links;

    @JsonProperty("status")
    String status;
  }

  private final ObjectMapper mapper = Json.newMapper();

  private Map<String, String> unread = new LinkedHashMap<>();

  private Model read(String json) throws Exception {
    return mapper
        .readerFor(Model.class)
        .withAttribute(LenientValues.UNREAD_FIELDS, unread)
        .readValue(json.replace('\'', '"'));
  }

  @Test
  void givenValuesTheirTypesCannotHold_whenDecoded_thenTheyAreNullAndKeptAsRawText()
      throws Exception {
    Model m =
        read(
            "{'count':3000000000,'runtime':'P1W','at':'yesterday','id':'not-a-uuid',"
                + "'link':'http://bad host/','links':['https://ok.example/a',':'],'status':'done'}");

    assertThat(m.count).isNull();
    assertThat(m.runtime).isNull();
    assertThat(m.at).isNull();
    assertThat(m.id).isNull();
    assertThat(m.link).isNull();
    assertThat(m.status).isEqualTo("done");
    assertThat(unread)
        .containsEntry("/count", "3000000000")
        .containsEntry("/runtime", "P1W")
        .containsEntry("/at", "yesterday")
        .containsEntry("/id", "not-a-uuid")
        .containsEntry("/link", "http://bad host/");
  }

  @Test
  void givenAnObjectWhereANumberIsExpected_whenDecoded_thenItIsKeptAsJsonText() throws Exception {
    Model m = read("{'count':{'a':[1,2]},'status':'x'}");

    assertThat(m.count).isNull();
    assertThat(unread).containsEntry("/count", "{\"a\":[1,2]}");
  }

  @Test
  void givenReadableValues_whenDecoded_thenTheyAreTyped() throws Exception {
    Model m =
        read("{'count':1e2,'runtime':'PT1H','at':'2025-01-01T00:00:00.5+05:30','status':'x'}");

    assertThat(m.count).isEqualTo(100);
    assertThat(m.runtime).isEqualTo(Duration.ofHours(1));
    assertThat(m.at.getOffset().getTotalSeconds()).isEqualTo(5 * 3600 + 1800);
    assertThat(unread).isEmpty();
  }

  @Test
  void givenAStatusThatIsNotText_whenDecoded_thenTheDecodeFails() {
    assertThatThrownBy(() -> read("{'status':{'state':'done'}}")).isInstanceOf(Exception.class);
  }
}
