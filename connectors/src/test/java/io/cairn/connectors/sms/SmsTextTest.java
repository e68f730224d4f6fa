package io.cairn.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsTextTest {

  @Test
  void shouldPrefixTheSignatureInBrackets() {
    assertThat(SmsText.withSignature("Cairn", "Hi Ann")).isEqualTo("【Cairn】Hi Ann");
  }

  @Test
  void shouldNotBracketASignatureTwice() {
    assertThat(SmsText.withSignature(" 【Cairn】 ", "Hi")).isEqualTo("【Cairn】Hi");
  }

  @Test
  void shouldSendTheTextAloneWithoutASignature() {
    assertThat(SmsText.withSignature(null, "Hi")).isEqualTo("Hi");
    assertThat(SmsText.withSignature("  ", "Hi")).isEqualTo("Hi");
    assertThat(SmsText.withSignature("【】", "Hi")).isEqualTo("Hi");
  }
}
