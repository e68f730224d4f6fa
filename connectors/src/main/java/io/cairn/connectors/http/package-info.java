/**
 * Outbound HTTP: {@link io.cairn.connectors.http.OutboundHttp} builds the single OkHttp client,
 * with retries and redirects off, that every HTTP connector derives its own from; {@link
 * io.cairn.connectors.http.SsrfGuard} keeps requests to user-given URLs off internal networks;
 * {@link io.cairn.connectors.http.RequestProgress} tells "never sent" from "maybe sent", and {@link
 * io.cairn.connectors.http.PerMessageCall} runs one request per recipient and turns its end into an
 * outcome.
 *
 * <p>Depends on {@code channel} (for outcomes) and OkHttp.
 */
package io.cairn.connectors.http;
