package io.cairn.engine.delivery;

import java.time.Instant;

/**
 * One ledger row as people see it: the recipient's address only masked.
 *
 * @param externalId the recipient's id in the customer's systems
 * @param recipientHint the address it was sent to, masked (null before a first attempt)
 * @param reason why it failed, was suppressed (the policy) or is deferred
 * @param attempts delivery attempts so far
 */
public record Delivery(
    long actionId,
    long journeyId,
    long runId,
    String elementId,
    String channel,
    String entityType,
    String externalId,
    DeliveryStatus status,
    String reason,
    String recipientHint,
    int attempts,
    Instant updatedAt) {

  /** A page of rows, newest action first, then by recipient. */
  public record Page(java.util.List<Delivery> items, long total, int page, int size) {}
}
