package io.cairn.connectors.webhook;

import java.util.List;

/**
 * The verdict on a whole receipt report. Only a {@link Verified} report may change the ledger; the
 * endpoint answers 2xx to it, 409 to a {@link Duplicate} (already accepted: do not send again) and
 * 401 to a {@link Refused} one.
 */
public sealed interface ReceiptVerdict {

  /** Signature, timestamp and nonce are good: one result per item of the report, in order. */
  record Verified(List<ReceiptResult> results) implements ReceiptVerdict {
    public Verified {
      results = List.copyOf(results);
    }
  }

  /**
   * A correctly signed report whose id or nonce was already accepted: a replay, or the receiver
   * sending again after a lost answer. Nothing is applied a second time.
   */
  record Duplicate(String id) implements ReceiptVerdict {}

  /** The report is not trusted (bad signature, stale timestamp, malformed); nothing is applied. */
  record Refused(String reason) implements ReceiptVerdict {}
}
