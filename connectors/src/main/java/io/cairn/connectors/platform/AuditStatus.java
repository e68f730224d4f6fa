package io.cairn.connectors.platform;

/** A platform's review of a template or signature (the contract's codes 0, 1, 2). */
public enum AuditStatus {
  /** 0: submitted, not reviewed yet; nothing can be sent with it. */
  IN_REVIEW,
  /** 1: approved; messages using it are sent. */
  APPROVED,
  /** 2 (or any other code): rejected, with the platform's reason. */
  REJECTED;

  /** The status of a contract code; unknown codes count as rejected, never as approved. */
  public static AuditStatus ofCode(int code) {
    return switch (code) {
      case 0 -> IN_REVIEW;
      case 1 -> APPROVED;
      default -> REJECTED;
    };
  }
}
