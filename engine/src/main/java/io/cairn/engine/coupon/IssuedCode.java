package io.cairn.engine.coupon;

import java.time.Instant;

/**
 * The code one entity holds of a coupon, for a support desk.
 *
 * @param code the code itself: a secret, shown to people allowed to look it up and never logged
 * @param codeId the code's id, as the ledger rows of the issuing action show it ({@code
 *     provider_ref})
 */
public record IssuedCode(
    long couponId,
    String entityType,
    String externalId,
    long codeId,
    String code,
    Instant issuedAt) {

  @Override
  public String toString() {
    return "IssuedCode[coupon=" + couponId + ", codeId=" + codeId + "]";
  }
}
