package io.cairn.engine.webhook;

import java.util.List;

/** What Cairn answers a receipt report. */
public sealed interface ReceiptAnswer {

  /**
   * The report was verified and applied (HTTP 200). Items are judged one by one.
   *
   * @param webhookId the webhook whose secret verified it
   * @param applied rows now DELIVERED or FAILED
   * @param alreadySettled rows that already had a receipt or an outcome it cannot change
   * @param unknown items naming no message of this webhook
   * @param invalid items refused (malformed, another webhook, outside the receipt window)
   * @param items one result per item, in order
   */
  record Accepted(
      long webhookId, int applied, int alreadySettled, int unknown, int invalid, List<Item> items)
      implements ReceiptAnswer {}

  /**
   * One item's result.
   *
   * @param messageId the item's {@code callback_params.message_id}, if any
   * @param result {@code APPLIED}, {@code ALREADY_SETTLED}, {@code UNKNOWN} or {@code INVALID}
   * @param reason why an item is invalid, else {@code null}
   */
  record Item(String messageId, String result, String reason) {}

  /** A correctly signed report accepted before (HTTP 409): nothing was applied again. */
  record Duplicate(long webhookId) implements ReceiptAnswer {}

  /** Not trusted: unknown webhook, bad signature, stale timestamp, malformed (HTTP 401). */
  record Refused(String reason) implements ReceiptAnswer {}

  /** Correctly signed, but the webhook's receipts are not enabled (HTTP 403). */
  record NotEnabled(long webhookId) implements ReceiptAnswer {}
}
