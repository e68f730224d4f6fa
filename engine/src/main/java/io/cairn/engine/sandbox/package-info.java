/**
 * Storage and listing of messages recorded by the sandbox connectors. Owns cairn_sandbox_message. Depends on connectors' sandbox SPI.
 */
package io.cairn.engine.sandbox;
