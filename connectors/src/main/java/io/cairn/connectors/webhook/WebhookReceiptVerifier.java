package io.cairn.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.webhook.internal.WebhookPayload;
import io.cairn.connectors.webhook.internal.WebhookSignatures;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the receipt reports a webhook's receiver sends back (the reference's {@code
 * receiveWebHookCallBack}): signed the same way as Cairn's requests to it, with the same secret.
 * Plain Java: the web layer turns the HTTP request into a {@link ReceiptRequest} and applies a
 * {@link ReceiptVerdict.Verified} report to the ledger.
 *
 * <h2>Report</h2>
 *
 * <pre>{@code
 * POST <Cairn's receipt endpoint>                 (+ ?timestamp=…&nonce=… for SORTED_KEY)
 * webhook-id / webhook-timestamp / webhook-signature   (STANDARD_WEBHOOKS, over the body)
 * X-QA-Hmac-Signature                                   (SORTED_KEY)
 *
 * [{"msg_id":"<receiver's id>","status":"200","cst_id":"<target_id>","send_time":"<ms>",
 *   "callback_params":{…exactly as Cairn sent them…}}, …]
 * }</pre>
 *
 * <h2>Checks, in order</h2>
 *
 * <ol>
 *   <li>The body is at most {@value #MAX_BODY_BYTES} bytes.
 *   <li>The signature matches (constant-time). Nothing is remembered for an unsigned request, so
 *       forged requests cannot fill the {@link SeenReceipts} store.
 *   <li>The signed timestamp is within {@link ReceiptRules#tolerance()} of the clock.
 *   <li>The body is a JSON list of at most {@value #MAX_ITEMS} items.
 *   <li>The {@code webhook-id} (or the nonce) was not accepted before; otherwise {@link
 *       ReceiptVerdict.Duplicate}.
 * </ol>
 *
 * <p>Any failure before the last is {@link ReceiptVerdict.Refused} for the whole report. Then each
 * item is judged alone: an item must echo {@code callback_params} with this webhook's id, the
 * message id and a {@code send_time} (Unix ms) no older than {@link ReceiptRules#receiptWindow()};
 * its {@code status} then makes it {@link ReceiptResult.Delivered} or {@link ReceiptResult.Failed}.
 * An item that does not pass is {@link ReceiptResult.Invalid}, and the others still count.
 *
 * <p>With {@link SigningScheme#SORTED_KEY} the signature does not cover the body (see there): a
 * report is only as safe as its transport. Thread-safe if the store is.
 */
public final class WebhookReceiptVerifier {

  /** Largest report body accepted. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  /** Most items in one report. */
  public static final int MAX_ITEMS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookEndpoint endpoint;
  private final ReceiptRules rules;
  private final SeenReceipts seen;
  private final Clock clock;
  private final byte[] standardKey; // null for SORTED_KEY

  /**
   * @param endpoint the webhook whose receipts these are; its secret verifies them
   * @param rules statuses, receipt window and clock tolerance
   * @param seen remembers accepted report ids and nonces
   * @param clock Cairn's clock
   */
  public WebhookReceiptVerifier(
      WebhookEndpoint endpoint, ReceiptRules rules, SeenReceipts seen, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.seen = Objects.requireNonNull(seen, "seen");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.standardKey =
        endpoint.signing() == SigningScheme.STANDARD_WEBHOOKS
            ? WebhookSignatures.standardKey(endpoint.secret())
            : null;
  }

  /** Judges one report; never throws for bad input. */
  public ReceiptVerdict verify(ReceiptRequest request) {
    byte[] body = request.body();
    if (body.length > MAX_BODY_BYTES) {
      return new ReceiptVerdict.Refused("body larger than " + MAX_BODY_BYTES + " bytes");
    }
    Instant now = clock.instant();
    Signed signed;
    try {
      signed = standardKey != null ? standard(request, body) : sorted(request);
      Instant at = Instant.ofEpochSecond(signed.timestamp());
      if (Duration.between(at, now).abs().compareTo(rules.tolerance()) > 0) {
        return new ReceiptVerdict.Refused("timestamp too far from now");
      }
    } catch (Refusal r) {
      return new ReceiptVerdict.Refused(r.getMessage());
    } catch (DateTimeException e) {
      return new ReceiptVerdict.Refused("timestamp too far from now");
    }
    JsonNode items;
    try {
      items = JSON.readTree(body);
    } catch (IOException e) {
      return new ReceiptVerdict.Refused("body is not JSON");
    }
    if (items == null || !items.isArray()) {
      return new ReceiptVerdict.Refused("body is not a JSON list of receipts");
    }
    if (items.size() > MAX_ITEMS) {
      return new ReceiptVerdict.Refused("more than " + MAX_ITEMS + " receipts in one report");
    }
    Instant expiresAt = Instant.ofEpochSecond(signed.timestamp()).plus(rules.tolerance());
    switch (seen.remember(signed.replayId(), expiresAt)) {
      case REPEAT:
        return new ReceiptVerdict.Duplicate(signed.replayId());
      case FULL:
        return new ReceiptVerdict.Refused("too many recent reports to check for replays");
      case FIRST:
      default:
        break;
    }
    List<ReceiptResult> results = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      results.add(item(item, now));
    }
    return new ReceiptVerdict.Verified(results);
  }

  private record Signed(String replayId, long timestamp) {}

  private Signed standard(ReceiptRequest request, byte[] body) throws Refusal {
    String id = required(request.header("webhook-id"), "webhook-id header");
    long timestamp =
        unixSeconds(required(request.header("webhook-timestamp"), "webhook-timestamp"));
    String signature = required(request.header("webhook-signature"), "webhook-signature header");
    if (!WebhookSignatures.verifyStandard(standardKey, id, timestamp, body, signature)) {
      throw new Refusal("signature does not match");
    }
    return new Signed("webhook-id:" + id, timestamp);
  }

  private Signed sorted(ReceiptRequest request) throws Refusal {
    String timestamp = required(request.query().get("timestamp"), "timestamp parameter");
    String nonce = required(request.query().get("nonce"), "nonce parameter");
    String signature =
        required(
            request.header(WebhookConnector.SORTED_KEY_SIGNATURE_HEADER),
            WebhookConnector.SORTED_KEY_SIGNATURE_HEADER + " header");
    long seconds = unixSeconds(timestamp);
    if (!WebhookSignatures.verifySorted(endpoint.secret(), timestamp, nonce, signature)) {
      throw new Refusal("signature does not match");
    }
    return new Signed("nonce:" + nonce, seconds);
  }

  private ReceiptResult item(JsonNode item, Instant now) {
    if (!item.isObject()) {
      return new ReceiptResult.Invalid(null, "receipt is not an object");
    }
    JsonNode callback = item.path("callback_params");
    String key = text(callback, WebhookPayload.MESSAGE_ID);
    if (key == null) {
      return new ReceiptResult.Invalid(null, "no callback_params.message_id");
    }
    if (!endpoint.id().equals(text(callback, WebhookPayload.WEBHOOK_ID))) {
      return new ReceiptResult.Invalid(key, "callback_params.webhook_id is not " + endpoint.id());
    }
    Instant sent = millis(text(callback, WebhookPayload.SEND_TIME));
    if (sent == null) {
      return new ReceiptResult.Invalid(key, "no callback_params.send_time");
    }
    if (now.isAfter(sent.plus(rules.receiptWindow()))) {
      return new ReceiptResult.Invalid(key, "outside the receipt window");
    }
    if (sent.isAfter(now.plus(rules.tolerance()))) {
      return new ReceiptResult.Invalid(key, "callback_params.send_time is in the future");
    }
    String status = text(item, "status");
    if (status == null) {
      return new ReceiptResult.Invalid(key, "no status");
    }
    String receiverId = text(item, "msg_id");
    if (rules.deliveredStatuses().contains(status)) {
      Instant reportedAt = millis(text(item, "send_time"));
      return new ReceiptResult.Delivered(
          key, receiverId, status, reportedAt == null ? now : reportedAt);
    }
    return new ReceiptResult.Failed(
        key, receiverId, status, rules.statusNames().getOrDefault(status, "status " + status));
  }

  /** A string or number field's text, or {@code null} when absent, blank or of another kind. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() || text.length() > 256 ? null : text;
  }

  private static Instant millis(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(text));
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private static long unixSeconds(String text) throws Refusal {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new Refusal("timestamp is not Unix seconds");
    }
  }

  private static String required(String value, String what) throws Refusal {
    if (value == null || value.isBlank()) {
      throw new Refusal("no " + what);
    }
    if (value.length() > 1024) {
      throw new Refusal(what + " too long");
    }
    return value;
  }

  /** A refused report; carries only the reason, no stack trace. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
      super(reason, null, false, false);
    }
  }

  @Override
  public String toString() {
    return "WebhookReceiptVerifier[" + endpoint.id() + "]";
  }
}
