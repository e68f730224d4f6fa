package io.cairn.engine.delivery;

/** The state of one ledger row (one recipient of one action execution). */
public enum DeliveryStatus {
  /**
   * Waiting to be dispatched (first time or after a retryable failure), or in flight: a batch
   * handed to a connector keeps its rows PENDING under a lease until its outcomes are recorded.
   */
  PENDING,
  /** Handed to the connector by a version before batch leases; settled AMBIGUOUS at startup. */
  IN_FLIGHT,
  /** The provider accepted it. */
  SENT,
  /**
   * The receiver confirmed delivery with a receipt (webhook receipts). Final: a row moves here only
   * from SENT, NO_FEEDBACK, AMBIGUOUS, IN_FLIGHT or a PENDING row attempted before or in flight,
   * never back.
   */
  DELIVERED,
  /**
   * Refused permanently, retries exhausted, or reported failed by a receipt (the reason then starts
   * with {@code receipt:}).
   */
  FAILED,
  /** Not sent by policy: no address of the needed type, or an empty variable under SKIP. */
  SKIPPED,
  /**
   * Not sent because of a send policy (suppression list, holdout, frequency cap); the reason names
   * the policy.
   */
  SUPPRESSED,
  /** The request may have reached the provider; never resent automatically. */
  AMBIGUOUS,
  /**
   * Sent, but no receipt came within the channel's feedback window ({@code
   * cairn.delivery.feedback-window.*}, a webhook's own receipt window). A receipt that arrives
   * later still settles the row as DELIVERED or FAILED.
   */
  NO_FEEDBACK
}
