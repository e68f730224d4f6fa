/**
 * The shared outbound HTTP client: {@link io.cairn.connectors.http.OutboundHttp} builds the single
 * OkHttp client, with retries and redirects off, that every HTTP connector derives its own from.
 *
 * <p>Depends only on OkHttp.
 */
package io.cairn.connectors.http;
