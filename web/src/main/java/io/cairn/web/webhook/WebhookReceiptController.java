package io.cairn.web.webhook;

import io.cairn.connectors.webhook.ReceiptRequest;
import io.cairn.connectors.webhook.WebhookReceiptVerifier;
import io.cairn.engine.webhook.ReceiptAnswer;
import io.cairn.engine.webhook.WebhookReceipts;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/receipts}: receipt reports from webhook receivers. No Cairn account:
 * the report must carry its webhook's signature (Standard Webhooks headers, or the sorted-key
 * scheme's {@code ?timestamp=&nonce=} and {@code X-QA-Hmac-Signature}); {@code ?webhook=<id>} names
 * the webhook, else the first item's {@code callback_params.webhook_id} does.
 *
 * <p>Answers: 200 {@code {"code":"OK", "applied":…, "items":[…]}} for a verified report (items are
 * judged one by one); 401 {@code receipt-unauthenticated} for an unknown webhook, a bad signature,
 * a stale timestamp or a malformed report; 409 {@code receipt-replayed} for a report accepted
 * before (nothing applied again: do not resend); 403 {@code receipts-disabled} when the webhook's
 * receipts are off; 413 for a body over 1 MiB.
 */
@RestController
class WebhookReceiptController {

  private final WebhookReceipts receipts;

  WebhookReceiptController(WebhookReceipts receipts) {
    this.receipts = receipts;
  }

  @PostMapping("/api/webhooks/receipts")
  ResponseEntity<?> receive(HttpServletRequest http) throws IOException {
    byte[] body = readBounded(http);
    if (body == null) {
      return problem(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "too-large",
          "a report is at most " + WebhookReceiptVerifier.MAX_BODY_BYTES + " bytes");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(http.getHeaderNames())) {
      headers.put(name, http.getHeader(name));
    }
    Map<String, String> query = new LinkedHashMap<>();
    http.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
    ReceiptAnswer answer =
        receipts.receive(query.get("webhook"), new ReceiptRequest(headers, query, body));
    if (answer instanceof ReceiptAnswer.Accepted a) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("code", "OK");
      out.put("message", "");
      out.put("webhookId", a.webhookId());
      out.put("applied", a.applied());
      out.put("alreadySettled", a.alreadySettled());
      out.put("unknown", a.unknown());
      out.put("invalid", a.invalid());
      out.put("items", a.items());
      return ResponseEntity.ok(out);
    }
    if (answer instanceof ReceiptAnswer.Duplicate) {
      return problem(
          HttpStatus.CONFLICT,
          "receipt-replayed",
          "this report was accepted before; nothing was applied again");
    }
    if (answer instanceof ReceiptAnswer.NotEnabled n) {
      return problem(
          HttpStatus.FORBIDDEN,
          "receipts-disabled",
          "receipts are not enabled for webhook " + n.webhookId());
    }
    return problem(
        HttpStatus.UNAUTHORIZED,
        "receipt-unauthenticated",
        "receipt report refused: " + ((ReceiptAnswer.Refused) answer).reason());
  }

  /** The body, or {@code null} when it exceeds the verifier's limit. */
  private static byte[] readBounded(HttpServletRequest http) throws IOException {
    if (http.getContentLengthLong() > WebhookReceiptVerifier.MAX_BODY_BYTES) {
      return null;
    }
    try (InputStream in = http.getInputStream()) {
      byte[] body = in.readNBytes(WebhookReceiptVerifier.MAX_BODY_BYTES + 1);
      return body.length > WebhookReceiptVerifier.MAX_BODY_BYTES ? null : body;
    }
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:cairn:problem:" + type));
    p.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status).body(p);
  }
}
