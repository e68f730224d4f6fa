/**
 * Sandbox connectors that record messages in an outbox instead of sending them, and the outbox SPI the engine implements. Depends on channel, sms, email.
 */
package io.cairn.connectors.sandbox;
