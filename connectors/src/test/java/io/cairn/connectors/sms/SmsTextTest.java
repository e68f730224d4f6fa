package io.cairn.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.content.EmptyValuePolicy;
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

  @Test
  void shouldEndEveryPromotionalTextWithTheOptOutSuffixOnce() {
    SmsSettings promo =
        new SmsSettings("t", EmptyValuePolicy.SKIP, "", "Cairn", SmsType.PROMOTIONAL, null);
    assertThat(SmsText.of(promo, "50% off")).isEqualTo("【Cairn】50% off回T退订");
    assertThat(SmsText.of(promo, "50% off回T退订")).isEqualTo("【Cairn】50% off回T退订");
    SmsSettings english =
        new SmsSettings("t", EmptyValuePolicy.SKIP, "", "", SmsType.PROMOTIONAL, " Reply STOP to opt out");
    assertThat(SmsText.of(english, "Sale. ")).isEqualTo("Sale. Reply STOP to opt out");
    SmsSettings notice = new SmsSettings("t", EmptyValuePolicy.SKIP, "", "Cairn");
    assertThat(SmsText.of(notice, "Shipped")).isEqualTo("【Cairn】Shipped");
  }
}
