package io.cairn.engine.delivery;

import java.time.Instant;

/**
 * A receiver's verified report on one message.
 *
 * @param idempotencyKey the message's key as the connector sent it ({@code <action>-<entity>})
 * @param delivered true for delivered, false for failed
 * @param status the receiver's status code
 * @param reason for a failure, why (the status's configured name)
 * @param reportedAt when the receiver says it happened
 */
public record DeliveryReceipt(
    String idempotencyKey, boolean delivered, String status, String reason, Instant reportedAt) {

  /** What applying a receipt did. */
  public enum Effect {
    /** The row is now DELIVERED or FAILED. */
    APPLIED,
    /** The row already had a receipt or a final outcome the receipt cannot change. */
    ALREADY_SETTLED,
    /** No row of this sender has that key. */
    UNKNOWN
  }
}
