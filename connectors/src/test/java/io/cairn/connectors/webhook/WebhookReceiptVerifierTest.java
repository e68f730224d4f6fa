package io.cairn.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.webhook.internal.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookReceiptVerifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] KEY =
      "receipts-key-0123456789abcdef!!".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
  private static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(SENT.plus(Duration.ofHours(2)));
  private final InMemorySeenReceipts seen = new InMemorySeenReceipts(100, clock);
  private final ReceiptRules rules =
      new ReceiptRules(Set.of("200", "201"), Map.of("500", "失败"), Duration.ofDays(3), null);
  private final WebhookReceiptVerifier verifier =
      new WebhookReceiptVerifier(
          endpoint(SigningScheme.STANDARD_WEBHOOKS, SECRET), rules, seen, clock);

  private static WebhookEndpoint endpoint(SigningScheme signing, String secret) {
    return new WebhookEndpoint(
        "crm", "https://crm.example/hook", signing, secret, Set.of(IdType.MOBILE), null);
  }

  /** One receipt item echoing callback_params as the connector sent them. */
  private static ObjectNode item(String key, String status, Instant sentAt) {
    byte[] request =
        WebhookPayload.body(
            IdType.MOBILE,
            "+8613800000000",
            new WebhookPayload.Rendered(Map.of(), Map.of()),
            key,
            "crm",
            sentAt);
    ObjectNode item = JSON.createObjectNode();
    item.put("msg_id", "236eceb5737b473284c930c8ef79090e")
        .put("status", status)
        .put("cst_id", "+8613800000000")
        .put("send_time", String.valueOf(sentAt.plusSeconds(1).toEpochMilli()));
    item.set("callback_params", read(request).get("callback_params"));
    return item;
  }

  private static byte[] report(JsonNode... items) {
    ArrayNode list = JSON.createArrayNode();
    list.addAll(Arrays.asList(items));
    return list.toString().getBytes(StandardCharsets.UTF_8);
  }

  private ReceiptRequest signed(String id, Instant at, byte[] body) {
    long ts = at.getEpochSecond();
    String signature =
        "v1," + Base64.getEncoder().encodeToString(hmac(KEY, id + "." + ts + "." + utf8(body)));
    return new ReceiptRequest(
        Map.of("Webhook-Id", id, "Webhook-Timestamp", "" + ts, "Webhook-Signature", signature),
        Map.of(),
        body);
  }

  @Test
  void shouldReportDeliveredAndFailedReceiptsOfASignedReport() {
    byte[] body =
        report(
            item("a-1", "200", SENT),
            item("a-2", "500", SENT),
            item("a-3", "404", SENT),
            item("a-4", "201", SENT));

    ReceiptVerdict verdict = verifier.verify(signed("rcpt-1", clock.instant(), body));

    assertThat(verdict)
        .isEqualTo(
            new ReceiptVerdict.Verified(
                List.of(
                    new ReceiptResult.Delivered(
                        "a-1", "236eceb5737b473284c930c8ef79090e", "200", SENT.plusSeconds(1)),
                    new ReceiptResult.Failed(
                        "a-2", "236eceb5737b473284c930c8ef79090e", "500", "失败"),
                    new ReceiptResult.Failed(
                        "a-3", "236eceb5737b473284c930c8ef79090e", "404", "status 404"),
                    new ReceiptResult.Delivered(
                        "a-4", "236eceb5737b473284c930c8ef79090e", "201", SENT.plusSeconds(1)))));
  }

  @Test
  void shouldRefuseAReportWhoseBodyWasChanged() {
    ReceiptRequest genuine = signed("rcpt-1", clock.instant(), report(item("a-1", "500", SENT)));
    byte[] changed =
        utf8(genuine.body()).replace("\"500\"", "\"200\"").getBytes(StandardCharsets.UTF_8);

    ReceiptVerdict verdict =
        verifier.verify(new ReceiptRequest(genuine.headers(), genuine.query(), changed));

    assertThat(verdict).isEqualTo(new ReceiptVerdict.Refused("signature does not match"));
  }

  @Test
  void shouldRefuseAReportSignedWithAnotherSecret() {
    WebhookReceiptVerifier other =
        new WebhookReceiptVerifier(
            endpoint(
                SigningScheme.STANDARD_WEBHOOKS,
                "whsec_" + Base64.getEncoder().encodeToString(new byte[32])),
            rules,
            seen,
            clock);

    assertThat(other.verify(signed("rcpt-1", clock.instant(), report(item("a-1", "200", SENT)))))
        .isEqualTo(new ReceiptVerdict.Refused("signature does not match"));
  }

  @Test
  void shouldRefuseAReportWithoutItsSignatureHeaders() {
    ReceiptRequest genuine = signed("rcpt-1", clock.instant(), report(item("a-1", "200", SENT)));

    for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      Map<String, String> headers = new java.util.HashMap<>(genuine.headers());
      headers.remove(header);
      assertThat(verifier.verify(new ReceiptRequest(headers, Map.of(), genuine.body())))
          .isInstanceOf(ReceiptVerdict.Refused.class)
          .extracting(v -> ((ReceiptVerdict.Refused) v).reason())
          .asString()
          .startsWith("no " + header);
    }
  }

  @Test
  void shouldRefuseATimestampTooFarFromNowEitherWay() {
    byte[] body = report(item("a-1", "200", SENT));
    Instant now = clock.instant();

    assertThat(verifier.verify(signed("r-1", now.minusSeconds(301), body)))
        .isEqualTo(new ReceiptVerdict.Refused("timestamp too far from now"));
    assertThat(verifier.verify(signed("r-2", now.plusSeconds(301), body)))
        .isEqualTo(new ReceiptVerdict.Refused("timestamp too far from now"));
    assertThat(verifier.verify(signed("r-3", now.minusSeconds(299), body)))
        .isInstanceOf(ReceiptVerdict.Verified.class);
    assertThat(verifier.verify(signed("r-4", Instant.ofEpochSecond(Long.MAX_VALUE / 1000), body)))
        .isInstanceOf(ReceiptVerdict.Refused.class);
  }

  @Test
  void shouldAcceptAReportOnceAndCallItsReplayADuplicate() {
    ReceiptRequest report = signed("rcpt-1", clock.instant(), report(item("a-1", "200", SENT)));

    assertThat(verifier.verify(report)).isInstanceOf(ReceiptVerdict.Verified.class);
    clock.advance(Duration.ofMinutes(4));
    assertThat(verifier.verify(report))
        .isEqualTo(new ReceiptVerdict.Duplicate("webhook-id:rcpt-1"));
    clock.advance(Duration.ofMinutes(2));
    assertThat(verifier.verify(report))
        .as("once the id is forgotten, the timestamp refuses the replay")
        .isEqualTo(new ReceiptVerdict.Refused("timestamp too far from now"));
  }

  @Test
  void shouldNotRememberTheIdOfAForgedReport() {
    byte[] body = report(item("a-1", "200", SENT));
    ReceiptRequest genuine = signed("rcpt-1", clock.instant(), body);
    Map<String, String> forgedHeaders = new java.util.HashMap<>(genuine.headers());
    forgedHeaders.put("webhook-signature", "v1,Zm9yZ2Vk");

    assertThat(verifier.verify(new ReceiptRequest(forgedHeaders, Map.of(), body)))
        .isInstanceOf(ReceiptVerdict.Refused.class);
    assertThat(verifier.verify(genuine)).isInstanceOf(ReceiptVerdict.Verified.class);
    assertThat(seen.size()).isEqualTo(1);
  }

  @Test
  void shouldRefuseWhenTheReplayStoreIsFull() {
    WebhookReceiptVerifier small =
        new WebhookReceiptVerifier(
            endpoint(SigningScheme.STANDARD_WEBHOOKS, SECRET),
            rules,
            new InMemorySeenReceipts(1, clock),
            clock);
    byte[] body = report(item("a-1", "200", SENT));

    assertThat(small.verify(signed("r-1", clock.instant(), body)))
        .isInstanceOf(ReceiptVerdict.Verified.class);
    assertThat(small.verify(signed("r-2", clock.instant(), body)))
        .isEqualTo(new ReceiptVerdict.Refused("too many recent reports to check for replays"));
  }

  @Test
  void shouldJudgeEachItemAloneAndKeepTheGoodOnes() {
    ObjectNode otherWebhook = item("a-2", "200", SENT);
    ((ObjectNode) otherWebhook.get("callback_params")).put("webhook_id", "erp");
    ObjectNode noKey = item("a-3", "200", SENT);
    ((ObjectNode) noKey.get("callback_params")).remove("message_id");
    ObjectNode noStatus = item("a-4", "200", SENT);
    noStatus.remove("status");
    ObjectNode noSendTime = item("a-5", "200", SENT);
    ((ObjectNode) noSendTime.get("callback_params")).put("send_time", "yesterday");
    byte[] body =
        report(
            item("a-1", "200", SENT),
            otherWebhook,
            noKey,
            noStatus,
            noSendTime,
            item("a-6", "200", clock.instant().minus(Duration.ofDays(3)).minusSeconds(1)),
            item("a-7", "200", clock.instant().plus(Duration.ofMinutes(6))),
            JSON.getNodeFactory().textNode("not an object"));

    ReceiptVerdict verdict = verifier.verify(signed("rcpt-1", clock.instant(), body));

    assertThat(((ReceiptVerdict.Verified) verdict).results())
        .containsExactly(
            new ReceiptResult.Delivered(
                "a-1", "236eceb5737b473284c930c8ef79090e", "200", SENT.plusSeconds(1)),
            new ReceiptResult.Invalid("a-2", "callback_params.webhook_id is not crm"),
            new ReceiptResult.Invalid(null, "no callback_params.message_id"),
            new ReceiptResult.Invalid("a-4", "no status"),
            new ReceiptResult.Invalid("a-5", "no callback_params.send_time"),
            new ReceiptResult.Invalid("a-6", "outside the receipt window"),
            new ReceiptResult.Invalid("a-7", "callback_params.send_time is in the future"),
            new ReceiptResult.Invalid(null, "receipt is not an object"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"msg_id\":\"x\"}", "\"text\"", ""})
  void shouldRefuseABodyThatIsNotAListOfReceipts(String body) {
    ReceiptVerdict verdict =
        verifier.verify(signed("rcpt-1", clock.instant(), body.getBytes(StandardCharsets.UTF_8)));

    assertThat(verdict).isInstanceOf(ReceiptVerdict.Refused.class);
    assertThat(seen.size()).as("a refused report leaves no trace").isZero();
  }

  @Test
  void shouldRefuseAnOversizedBodyBeforeCheckingAnything() {
    byte[] huge = new byte[WebhookReceiptVerifier.MAX_BODY_BYTES + 1];

    assertThat(verifier.verify(new ReceiptRequest(Map.of(), Map.of(), huge)))
        .isEqualTo(new ReceiptVerdict.Refused("body larger than 1048576 bytes"));
  }

  @Test
  void shouldVerifyTheSortedKeySchemeAndRejectAReusedNonce() {
    String key = "crm shared key";
    WebhookReceiptVerifier sorted =
        new WebhookReceiptVerifier(endpoint(SigningScheme.SORTED_KEY, key), rules, seen, clock);
    String timestamp = "" + clock.instant().getEpochSecond();
    String nonce = "7f3c9a1b2d4e6f8091a2b3c4d5e6f708";
    String[] parts = {key, timestamp, nonce};
    Arrays.sort(parts);
    String signature =
        HexFormat.of()
            .formatHex(
                hmac(
                    key.getBytes(StandardCharsets.UTF_8),
                    String.join("", parts).replaceAll("\\s", "")));
    byte[] body = report(item("a-1", "200", SENT));
    Map<String, String> query = Map.of("timestamp", timestamp, "nonce", nonce);

    ReceiptVerdict first =
        sorted.verify(new ReceiptRequest(Map.of("X-QA-Hmac-Signature", signature), query, body));
    ReceiptVerdict replay =
        sorted.verify(new ReceiptRequest(Map.of("X-QA-Hmac-Signature", signature), query, body));
    ReceiptVerdict wrong =
        sorted.verify(
            new ReceiptRequest(
                Map.of("X-QA-Hmac-Signature", signature),
                Map.of("timestamp", timestamp, "nonce", nonce + "0"),
                body));
    ReceiptVerdict noNonce =
        sorted.verify(
            new ReceiptRequest(
                Map.of("X-QA-Hmac-Signature", signature), Map.of("timestamp", timestamp), body));

    assertThat(first).isInstanceOf(ReceiptVerdict.Verified.class);
    assertThat(replay).isEqualTo(new ReceiptVerdict.Duplicate("nonce:" + nonce));
    assertThat(wrong).isEqualTo(new ReceiptVerdict.Refused("signature does not match"));
    assertThat(noNonce).isEqualTo(new ReceiptVerdict.Refused("no nonce parameter"));
  }

  @Test
  void shouldForgetExpiredIdsAndNeverHoldMoreThanItsCapacity() {
    InMemorySeenReceipts store = new InMemorySeenReceipts(2, clock);
    Instant soon = clock.instant().plusSeconds(60);

    assertThat(store.remember("a", soon)).isEqualTo(SeenReceipts.Sighting.FIRST);
    assertThat(store.remember("a", soon)).isEqualTo(SeenReceipts.Sighting.REPEAT);
    assertThat(store.remember("b", soon.plusSeconds(60))).isEqualTo(SeenReceipts.Sighting.FIRST);
    assertThat(store.remember("c", soon)).isEqualTo(SeenReceipts.Sighting.FULL);
    clock.advance(Duration.ofSeconds(60));
    assertThat(store.remember("c", soon.plusSeconds(60))).isEqualTo(SeenReceipts.Sighting.FIRST);
    assertThat(store.remember("a", soon.plusSeconds(60)))
        .as("a expired, b and c are live")
        .isEqualTo(SeenReceipts.Sighting.FULL);
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void shouldKeepTheBodyOutOfToString() {
    ReceiptRequest request = signed("rcpt-1", clock.instant(), report(item("a-1", "200", SENT)));

    assertThat(request.toString()).doesNotContain("+8613800000000").doesNotContain("v1,");
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
