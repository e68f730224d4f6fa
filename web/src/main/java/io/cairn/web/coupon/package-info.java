/**
 * REST API of coupons ({@code /api/coupons}): create, list, show and disable coupons, import codes
 * into their pools, and look up the code one user holds. Depends on engine.coupon.
 */
package io.cairn.web.coupon;
