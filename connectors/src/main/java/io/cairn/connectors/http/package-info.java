/**
 * The shared outbound HTTP client (OkHttp) with retries and redirects off. Depends on OkHttp.
 */
package io.cairn.connectors.http;
