package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputsTest {

  @Test
  void plainPairIsAStringEvenWhenItLooksLikeANumber() {
    assertThat(Inputs.parse(null, List.of("duration=5"))).containsEntry("duration", "5");
  }

  @Test
  void colonEqualsPairIsJson() {
    Map<String, Object> input =
        Inputs.parse(null, List.of("duration:=5", "loop:=true", "tags:=[\"a\",\"b\"]"));

    assertThat(input)
        .containsEntry("duration", 5)
        .containsEntry("loop", true)
        .containsEntry("tags", List.of("a", "b"));
  }

  @Test
  void valueMayContainEqualsSigns() {
    assertThat(Inputs.parse(null, List.of("url=https://x.example/?a=b")))
        .containsEntry("url", "https://x.example/?a=b");
  }

  @Test
  void pairsOverrideTheJsonObject() {
    assertThat(Inputs.parse("{\"prompt\":\"old\",\"n\":1}", List.of("prompt=new")))
        .containsEntry("prompt", "new")
        .containsEntry("n", 1);
  }

  @Test
  void noInputAtAllIsNull() {
    assertThat(Inputs.parse(null, List.of())).isNull();
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> Inputs.parse("[1,2]", List.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void brokenJsonIsRefused() {
    assertThatThrownBy(() -> Inputs.parse("{\"a\":", List.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not valid JSON");
  }

  @Test
  void brokenTypedValueIsRefused() {
    assertThatThrownBy(() -> Inputs.parse(null, List.of("n:=five")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("n:= needs a JSON value");
  }

  @Test
  void pairWithoutKeyIsRefused() {
    assertThatThrownBy(() -> Inputs.parse(null, List.of("=x")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("KEY=VALUE");
  }
}
