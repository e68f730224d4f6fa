package io.cairn.connectors.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTemplateTest {

  @Test
  void shouldSubstituteEveryOccurrenceOfARepeatedVariable() {
    TextTemplate t = TextTemplate.parse("Hi ${name}, ${name} in ${ city }!");

    assertThat(t.render(Map.of("name", "Ann", "city", "Wuhan"), EmptyValuePolicy.SKIP, ""))
        .contains("Hi Ann, Ann in Wuhan!");
  }

  @Test
  void shouldListEachVariableOnceInOrderOfFirstAppearance() {
    TextTemplate t = TextTemplate.parse("${z} ${a} ${z} ${m_1} ${a}");

    assertThat(t.variables()).containsExactly("z", "a", "m_1");
  }

  @Test
  void shouldSkipRecipientWhenVariableIsEmpty() {
    TextTemplate t = TextTemplate.parse("Hi ${name}, your code is ${code}");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("name", null);
    nullValue.put("code", "42");

    assertThat(t.render(Map.of("code", "42"), EmptyValuePolicy.SKIP, "x")).isEmpty();
    assertThat(t.render(nullValue, EmptyValuePolicy.SKIP, "x")).isEmpty();
    assertThat(t.render(Map.of("name", "", "code", "42"), EmptyValuePolicy.SKIP, "x")).isEmpty();
    assertThat(t.firstEmptyVariable(Map.of("code", "42"))).contains("name");
  }

  @Test
  void shouldCountABlankValueAsEmpty() {
    TextTemplate t = TextTemplate.parse("Hi ${name}");

    assertThat(t.render(Map.of("name", " \t "), EmptyValuePolicy.SKIP, "x")).isEmpty();
    assertThat(t.render(Map.of("name", " \t "), EmptyValuePolicy.REPLACE, "friend"))
        .contains("Hi friend");
    assertThat(t.firstEmptyVariable(Map.of("name", "  "))).contains("name");
  }

  @Test
  void shouldReplaceOnlyTheEmptyVariablesWhenConfigured() {
    TextTemplate t = TextTemplate.parse("Hi ${name} from ${city}");

    assertThat(t.render(Map.of("city", "Wuhan"), EmptyValuePolicy.REPLACE, "friend"))
        .contains("Hi friend from Wuhan");
    assertThat(t.render(Map.of(), EmptyValuePolicy.REPLACE, null)).contains("Hi  from ");
    assertThat(t.firstEmptyVariable(Map.of("name", "Ann", "city", "Wuhan"))).isEmpty();
  }

  @Test
  void shouldTreatADottedNameAsOneVariableWithoutNavigatingIntoIt() {
    TextTemplate t = TextTemplate.parse("Hi ${user.name}");

    assertThat(t.variables()).containsExactly("user.name");
    assertThat(t.render(Map.of("user", "Ann"), EmptyValuePolicy.SKIP, "")).isEmpty();
    assertThat(t.render(Map.of("user.name", "Ann"), EmptyValuePolicy.SKIP, "")).contains("Hi Ann");
  }

  @Test
  void shouldNeverEvaluateExpressions() {
    TextTemplate t = TextTemplate.parse("${1+1} #{x} ${} ${T(java.lang.Runtime)} ${a b}");

    assertThat(t.variables()).isEmpty();
    assertThat(t.render(Map.of(), EmptyValuePolicy.SKIP, ""))
        .contains("${1+1} #{x} ${} ${T(java.lang.Runtime)} ${a b}");
  }

  @Test
  void shouldInsertValuesLiterally() {
    TextTemplate t = TextTemplate.parse("Hi ${n}");

    assertThat(t.render(Map.of("n", "${n}"), EmptyValuePolicy.SKIP, "")).contains("Hi ${n}");
    assertThat(t.render(Map.of("n", "$1 \\ ${x}"), EmptyValuePolicy.SKIP, ""))
        .contains("Hi $1 \\ ${x}");
  }

  @Test
  void shouldKeepTextWithoutPlaceholdersAsItIs() {
    TextTemplate t = TextTemplate.parse("Spring sale: 50% off, today only! $5 {x}");

    assertThat(t.variables()).isEmpty();
    assertThat(t.render(Map.of(), EmptyValuePolicy.SKIP, ""))
        .contains("Spring sale: 50% off, today only! $5 {x}");
    assertThat(TextTemplate.parse(null).render(Map.of(), EmptyValuePolicy.SKIP, "")).contains("");
    assertThat(TextTemplate.parse("Hi ${name}").text()).isEqualTo("Hi ${name}");
  }
}
