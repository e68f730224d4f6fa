package io.cairn.connectors.coupon;

import io.cairn.connectors.channel.IdType;

/**
 * Configuration of an "Issue coupon" journey node: which coupon's code pool to issue from, and
 * which identity a user needs to be issued one (the reference issues coupons to users it can match
 * by mobile, OpenID or UnionID; users without the chosen identity are skipped, like every other
 * action's). A user holds at most one code of a coupon, whatever the number of nodes or journeys
 * that issue it.
 *
 * @param coupon the numeric id of a coupon ({@code GET /api/coupons})
 * @param idType the identity a user must have to be issued a code; {@code null} means MOBILE
 * @throws IllegalArgumentException if the coupon is missing or not a numeric id
 */
public record CouponSettings(String coupon, IdType idType) {

  public CouponSettings {
    if (coupon == null || coupon.isBlank()) {
      throw new IllegalArgumentException("coupon: no coupon chosen");
    }
    coupon = coupon.strip();
    if (!coupon.matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException("coupon: not a coupon id: " + shortened(coupon));
    }
    idType = idType == null ? IdType.MOBILE : idType;
  }

  /** The coupon's id. */
  public long couponId() {
    return Long.parseLong(coupon);
  }

  private static String shortened(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
