/**
 * Coupon internals: SQL ({@code CouponStore}), the CSV reader of code files, the set-based issuer,
 * the {@code coupon} connector and the settings check of "Issue coupon" nodes.
 */
package io.cairn.engine.coupon.internal;
