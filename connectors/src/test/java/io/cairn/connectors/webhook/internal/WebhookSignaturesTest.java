package io.cairn.connectors.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

  // The Standard Webhooks specification's test vector.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void shouldReproduceTheStandardWebhooksTestVector() {
    byte[] key = WebhookSignatures.standardKey(SECRET);

    assertThat(key).hasSize(24);
    assertThat(WebhookSignatures.standard(key, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP, BODY, SIGNATURE)).isTrue();
  }

  @Test
  void shouldAcceptAnyMatchingSignatureOfARotatedKeyHeader() {
    byte[] key = WebhookSignatures.standardKey(SECRET);
    String header = "v1,Ym9ndXM= v2,whatever " + SIGNATURE;

    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP, BODY, header)).isTrue();
  }

  @Test
  void shouldRefuseATamperedBodyIdTimestampOrSignature() {
    byte[] key = WebhookSignatures.standardKey(SECRET);
    byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP, tampered, SIGNATURE)).isFalse();
    assertThat(WebhookSignatures.verifyStandard(key, "msg_x", TIMESTAMP, BODY, SIGNATURE))
        .isFalse();
    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP + 1, BODY, SIGNATURE)).isFalse();
    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP, BODY, "v1,bm90IGl0")).isFalse();
    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP, BODY, "v1,***")).isFalse();
    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP, BODY, null)).isFalse();
    assertThat(WebhookSignatures.verifyStandard(key, ID, TIMESTAMP, BODY, SIGNATURE.substring(3)))
        .as("without the version prefix")
        .isFalse();
  }

  @Test
  void shouldRefuseSecretsThatAreNotStandardWebhooksSecrets() {
    assertThatThrownBy(() -> WebhookSignatures.standardKey("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .hasMessageContaining("starts with whsec_");
    assertThatThrownBy(() -> WebhookSignatures.standardKey("whsec_%%%"))
        .hasMessageContaining("not base64")
        .hasMessageNotContaining("%%%");
    assertThatThrownBy(() -> WebhookSignatures.standardKey("whsec_c2hvcnQ="))
        .hasMessageContaining("5 bytes");
  }

  @Test
  void shouldSignTheSortedKeyTimestampAndNonceAsTheReferenceDoes() throws Exception {
    // Sorted: "1625037472" < "my key" < "n0nce"; whitespace removed from the text, not the key.
    String expected = HexFormat.of().formatHex(hmac("my key", "1625037472mykeyn0nce"));

    assertThat(WebhookSignatures.sorted("my key", "1625037472", "n0nce")).isEqualTo(expected);
    assertThat(
            WebhookSignatures.verifySorted("my key", "1625037472", "n0nce", expected.toUpperCase()))
        .isTrue();
    assertThat(WebhookSignatures.verifySorted("my key", "1625037473", "n0nce", expected)).isFalse();
    assertThat(WebhookSignatures.verifySorted("my key", "1625037472", "n0nce", null)).isFalse();
  }

  @Test
  void shouldSortByCharacterCodeLikeArraysSort() throws Exception {
    // Upper case sorts before lower case: "Zeta" < "alpha" < "beta".
    String expected = HexFormat.of().formatHex(hmac("beta", "Zetaalphabeta"));

    assertThat(WebhookSignatures.sorted("beta", "alpha", "Zeta")).isEqualTo(expected);
  }

  private static byte[] hmac(String key, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }
}
