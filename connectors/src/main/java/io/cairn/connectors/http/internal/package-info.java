/**
 * The address arithmetic behind {@link io.cairn.connectors.http.SsrfGuard}: IP literals read
 * without DNS, CIDR ranges and the special-purpose ranges outbound requests must not reach.
 *
 * <p>Depends only on the JDK.
 */
package io.cairn.connectors.http.internal;
