/**
 * The settings of the "Issue coupon" journey node. The connector that issues codes needs Cairn's
 * database and so lives in the engine ({@code io.cairn.engine.coupon}); this package holds only
 * what the element template and the dispatcher share. Depends on {@code channel}.
 */
package io.cairn.connectors.coupon;
