package io.cairn.connectors.platform;

import java.time.Instant;

/**
 * The platform's delivery report on one message ({@code sendDetailDTOs[]} of the contract). The
 * mobile number of the report is deliberately not kept.
 *
 * @param outId the message's {@code outId} as sent: Cairn's idempotency key
 * @param state delivered, failed, or still waiting for the carrier
 * @param errCode {@code DELIVERED} on success, else the carrier's error code; may be empty
 * @param reportedAt when the handset received it (or the failure was known); the send date, else
 *     the time of the query, when the report carries neither
 */
public record SmsReport(String outId, State state, String errCode, Instant reportedAt) {

  /** The contract's {@code sendStatus}: 2 delivered, 1 failed, anything else still waiting. */
  public enum State {
    DELIVERED,
    FAILED,
    WAITING
  }

  /** A page of reports and the total the window holds. */
  public record Page(java.util.List<SmsReport> reports, long totalCount) {
    public Page {
      reports = java.util.List.copyOf(reports);
    }
  }
}
