package io.cairn.connectors.webhook;

import java.time.Instant;

/** What one item of a verified receipt report says about one message. */
public sealed interface ReceiptResult {

  /**
   * The receiver reports the message delivered.
   *
   * @param idempotencyKey the message's idempotency key, from {@code callback_params.message_id}
   * @param receiverMessageId the receiver's {@code msg_id}, or {@code null}
   * @param status the receiver's status code, one of {@link ReceiptRules#deliveredStatuses()}
   * @param reportedAt the receiver's {@code send_time}, or when the report arrived if it gave none
   */
  record Delivered(
      String idempotencyKey, String receiverMessageId, String status, Instant reportedAt)
      implements ReceiptResult {}

  /**
   * The receiver reports the message failed.
   *
   * @param idempotencyKey the message's idempotency key
   * @param receiverMessageId the receiver's {@code msg_id}, or {@code null}
   * @param status the receiver's status code
   * @param reason the status's configured name, or {@code "status <code>"}
   */
  record Failed(String idempotencyKey, String receiverMessageId, String status, String reason)
      implements ReceiptResult {}

  /**
   * The item cannot be applied: malformed, for another webhook, or outside the receipt window.
   *
   * @param idempotencyKey the message's idempotency key if the item names one, else {@code null}
   * @param reason why, without personal data
   */
  record Invalid(String idempotencyKey, String reason) implements ReceiptResult {}
}
