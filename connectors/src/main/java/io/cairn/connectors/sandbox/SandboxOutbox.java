package io.cairn.connectors.sandbox;

import java.util.List;

/**
 * Where sandbox connectors put the messages they would have sent. The engine implements it with a
 * database table so that a newcomer can see what a journey delivered through the API.
 *
 * <p>Implementations are thread-safe and durable when {@link #record} returns. Recording the same
 * idempotency key twice stores it once.
 */
public interface SandboxOutbox {

  /** Stores the messages; throws an unchecked exception when they could not be stored. */
  void record(List<SandboxMessage> messages);
}
