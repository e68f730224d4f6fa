package io.cairn.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.content.EmptyValuePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSettingsTest {

  @Test
  void shouldKeepTheParametersInOrderAndNameTheirVariables() {
    WebhookSettings s =
        new WebhookSettings(
            "crm",
            IdType.MOBILE,
            "{\"b\":\"${city} and ${name}\",\"a\":\"plain\",\"c\":\"${name}${ tier }\"}",
            null,
            null);

    assertThat(s.parameters())
        .containsExactly(
            java.util.Map.entry("b", "${city} and ${name}"),
            java.util.Map.entry("a", "plain"),
            java.util.Map.entry("c", "${name}${ tier }"));
    assertThat(s.variables()).containsExactly("city", "name", "tier");
    assertThat(s.onEmptyValue()).isEqualTo(EmptyValuePolicy.SKIP);
    assertThat(s.replacement()).isEmpty();
  }

  @Test
  void shouldTreatMissingParametersAsNone() {
    assertThat(new WebhookSettings("crm", IdType.EMAIL, " ", null, null).parameters()).isEmpty();
    assertThat(new WebhookSettings("crm", IdType.EMAIL, null, null, null).variables()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"[]", "\"x\"", "{\"a\":1}", "{\"a\":{\"b\":\"c\"}}", "{\"\":\"x\"}", "{nope"})
  void shouldRefuseParametersThatAreNotAnObjectOfStrings(String params) {
    assertThatThrownBy(() -> new WebhookSettings("crm", IdType.MOBILE, params, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("params");
  }

  @Test
  void shouldRequireAWebhookAndAnIdentityType() {
    assertThatThrownBy(() -> new WebhookSettings(" ", IdType.MOBILE, null, null, null))
        .hasMessageStartingWith("webhook");
    assertThatThrownBy(() -> new WebhookSettings("crm", null, null, null, null))
        .hasMessageStartingWith("idType");
  }
}
