/**
 * Coupons: a named coupon with a pool of imported codes ({@link io.cairn.engine.coupon.Coupons}),
 * and issuing those codes to journey recipients through the delivery ledger, at most one code per
 * entity per coupon. Owns cairn_coupon, cairn_coupon_code and cairn_coupon_issue; provides the
 * {@code coupon} connector of {@link io.cairn.connectors.channel.Channel#COUPON} and the settings
 * check of "Issue coupon" nodes.
 *
 * <p>Codes are secrets: no log line, exception message or listing carries one; only {@link
 * io.cairn.engine.coupon.Coupons#issuedTo} shows the one code a given entity holds.
 *
 * <p>Depends on {@code delivery} (the connector SPI's ledger keys, the settings check), {@code
 * profile} (external ids), {@code problem} and the connectors' {@code channel} and {@code coupon}
 * packages.
 */
package io.cairn.engine.coupon;
