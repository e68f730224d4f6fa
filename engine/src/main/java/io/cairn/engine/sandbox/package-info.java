/**
 * Storage and listing of the messages the sandbox connectors record instead of sending: the JDBC
 * {@code SandboxOutbox} (internal) and {@link io.cairn.engine.sandbox.SandboxMessages}. Owns the
 * {@code cairn_sandbox_message} table. Depends on connectors' sandbox SPI and engine.problem.
 */
package io.cairn.engine.sandbox;
