package dev.genjobs.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputFingerprintTest {

  @Test
  void equalInputsHaveEqualFingerprintsWhateverTheOrderOfTheirKeys() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("prompt", "a red fox");
    first.put("options", Map.of("seed", 7, "size", "1024x1024"));
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("options", new LinkedHashMap<>(Map.of("size", "1024x1024", "seed", 7)));
    second.put("prompt", "a red fox");

    InputFingerprint a = InputFingerprint.builder().fields("input.", first).build();
    InputFingerprint b = InputFingerprint.builder().fields("input.", second).build();

    assertThat(a).isEqualTo(b);
    assertThat(a.encoded()).isEqualTo(b.encoded());
  }

  @Test
  void eachFieldKeepsAShortHashOfItsValueNeverTheValue() {
    InputFingerprint f =
        InputFingerprint.builder().field("model", "flux-pro").field("prompt", "a red fox").build();

    assertThat(f.fields()).containsOnlyKeys("model", "prompt");
    assertThat(f.fields().values())
        .allSatisfy(h -> assertThat(h).hasSize(InputFingerprint.HASH_HEX_CHARS).isHexadecimal());
    assertThat(f.hashOf("prompt")).contains(InputFingerprint.hash("a red fox"));
    assertThat(f.encoded()).doesNotContain("red fox").doesNotContain("flux-pro");
    assertThat(f.toString()).isEqualTo(f.encoded());
  }

  @Test
  void aDifferentValueChangesOnlyItsOwnField() {
    InputFingerprint fox =
        InputFingerprint.builder().field("model", "flux-pro").field("prompt", "a red fox").build();
    InputFingerprint cat =
        InputFingerprint.builder().field("model", "flux-pro").field("prompt", "a grey cat").build();

    assertThat(fox.hashOf("model")).isEqualTo(cat.hashOf("model"));
    assertThat(fox.hashOf("prompt")).isNotEqualTo(cat.hashOf("prompt"));
  }

  @Test
  void fieldsNamedLikeCredentialsAndValuesHoldingAKeyAreLeftOut() {
    InputFingerprint f =
        InputFingerprint.builder()
            .withholdingValuesContaining(List.of("sk-live-0123456789"))
            .field("api_key", "anything")
            .field("callback_token", "anything")
            .field("url", "https://x.example/?key=sk-live-0123456789")
            .field("prompt", "a red fox")
            .build();

    assertThat(f.fields()).containsOnlyKeys("prompt");
  }

  @Test
  void fileNamesAreHashedInNameOrderSoAListInAnotherOrderStillMatches() {
    InputFingerprint sent =
        InputFingerprint.builder().fileNames("files", List.of("b.pdf", "a.pdf")).build();
    InputFingerprint listed =
        InputFingerprint.builder().fileNames("files", List.of("a.pdf", "b.pdf")).build();

    assertThat(sent).isEqualTo(listed);
  }

  @Test
  void anInstantIsHashedAsItsIsoTextAndAValueJacksonCannotWriteStillGetsAHash() {
    InputFingerprint f =
        InputFingerprint.builder()
            .field("at", Instant.parse("2026-01-01T10:00:00Z"))
            .field("opaque", new Object())
            .build();

    assertThat(f.hashOf("at")).contains(InputFingerprint.hash("2026-01-01T10:00:00Z"));
    assertThat(f.hashOf("opaque")).get().asString().hasSize(InputFingerprint.HASH_HEX_CHARS);
  }

  @Test
  void theStoredFormReadsBackEqual() {
    InputFingerprint f =
        InputFingerprint.builder()
            .field("request_data.template_id", "hi_res_partition")
            .field("name with ;=% odd characters", 3)
            .fileNames("files", List.of("a.pdf"))
            .build();

    assertThat(InputFingerprint.parse(f.encoded())).isEqualTo(f);
    assertThat(InputFingerprint.parse(null)).isEqualTo(InputFingerprint.none());
    assertThat(InputFingerprint.parse("")).isEqualTo(InputFingerprint.none());
  }

  @Test
  void aStoredFormThatIsNotOneIsRefusedWithTheBadPart() {
    assertThatThrownBy(() -> InputFingerprint.parse("model=abc;garbage"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage");
  }

  @Test
  void aRecordAgreesWithAListedJobOnlyOnEveryFieldTheListShows() {
    InputFingerprint record =
        InputFingerprint.builder()
            .field("request_data.template_id", "hi_res_partition")
            .fileNames("files", List.of("a.pdf"))
            .build();
    InputFingerprint sameTemplateAndFiles =
        InputFingerprint.builder()
            .field("request_data.template_id", "hi_res_partition")
            .fileNames("files", List.of("a.pdf"))
            .build();
    InputFingerprint sameTemplateOtherFile =
        InputFingerprint.builder()
            .field("request_data.template_id", "hi_res_partition")
            .fileNames("files", List.of("other.pdf"))
            .build();
    InputFingerprint onlyFiles =
        InputFingerprint.builder().fileNames("files", List.of("a.pdf")).build();
    InputFingerprint aFieldTheRecordLacks =
        InputFingerprint.builder().field("request_data.job_nodes", List.of()).build();

    assertThat(record.agreesWith(sameTemplateAndFiles)).isTrue();
    assertThat(record.agreesWith(onlyFiles)).isTrue();
    assertThat(record.agreesWith(sameTemplateOtherFile)).isFalse();
    assertThat(record.agreesWith(aFieldTheRecordLacks)).isFalse();
    assertThat(record.agreesWith(InputFingerprint.none()))
        .as("a list that shows no input says nothing about whose job it is")
        .isFalse();
    assertThat(InputFingerprint.none().agreesWith(onlyFiles))
        .as("a record without a fingerprint matches nothing")
        .isFalse();
  }
}
