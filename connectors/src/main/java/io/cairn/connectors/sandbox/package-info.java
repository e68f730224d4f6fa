/**
 * Sandbox connectors ({@link io.cairn.connectors.sandbox.SandboxConnector}) that record messages
 * instead of sending them, and the {@link io.cairn.connectors.sandbox.SandboxOutbox} SPI the engine
 * implements with a database table.
 *
 * <p>Depends on {@code channel}, {@code sms} and {@code email} (for their settings and the SMS
 * signature format) and on the JDK; no OkHttp, Jackson or jakarta.mail.
 */
package io.cairn.connectors.sandbox;
