package io.cairn.connectors.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTemplateTest {

  @Test
  void shouldSubstituteEveryOccurrence() {
    TextTemplate t = TextTemplate.parse("Hi ${name}, ${name} in ${ city }!");
    assertThat(t.variables()).containsExactly("name", "city");
    assertThat(t.render(Map.of("name", "Ann", "city", "Wuhan"), EmptyValuePolicy.SKIP, ""))
        .contains("Hi Ann, Ann in Wuhan!");
  }

  @Test
  void shouldSkipRecipientWhenVariableIsEmpty() {
    TextTemplate t = TextTemplate.parse("Hi ${name}");
    assertThat(t.render(Map.of("name", "  "), EmptyValuePolicy.SKIP, "x")).isEmpty();
    assertThat(t.render(Map.of(), EmptyValuePolicy.SKIP, "x")).isEmpty();
    assertThat(t.firstEmptyVariable(Map.of())).contains("name");
  }

  @Test
  void shouldReplaceEmptyVariableWhenConfigured() {
    TextTemplate t = TextTemplate.parse("Hi ${name}");
    assertThat(t.render(Map.of(), EmptyValuePolicy.REPLACE, "friend")).contains("Hi friend");
  }

  @Test
  void shouldNeverEvaluateExpressions() {
    TextTemplate t = TextTemplate.parse("${a.b} ${1+1} #{x} ${}");
    assertThat(t.variables()).containsExactly("a.b");
    assertThat(t.render(Map.of("a.b", "v"), EmptyValuePolicy.SKIP, ""))
        .contains("v ${1+1} #{x} ${}");
    assertThat(TextTemplate.parse("plain").render(Map.of(), EmptyValuePolicy.SKIP, ""))
        .contains("plain");
    assertThat(TextTemplate.parse("Hi ${n}").render(Map.of("n", "${n}"), EmptyValuePolicy.SKIP, ""))
        .contains("Hi ${n}");
  }
}
