package io.cairn.connectors.webhook;

import java.time.Instant;

/**
 * Remembers the ids (Standard Webhooks {@code webhook-id}) and nonces of accepted receipt reports,
 * so that each is accepted once. An entry need only live as long as a report carrying it could pass
 * the timestamp check; after that the timestamp refuses it anyway.
 *
 * <p>Implementations are thread-safe and atomic: of two concurrent calls with the same id exactly
 * one gets {@link Sighting#FIRST}. A deployment with several nodes needs a shared implementation (a
 * table with a unique key), ideally written in the same transaction as the ledger update so that a
 * report whose processing failed can be sent again.
 */
public interface SeenReceipts {

  /** The answer to {@link #remember}. */
  enum Sighting {
    /** Not seen before; now remembered. */
    FIRST,
    /** Already remembered and not yet expired. */
    REPEAT,
    /** The store is full of live entries and cannot remember it; the report must be refused. */
    FULL
  }

  /**
   * Remembers an id until {@code expiresAt} unless it is already remembered.
   *
   * @param id the report's id or nonce, prefixed with its scheme by the caller
   * @param expiresAt when the entry may be forgotten
   */
  Sighting remember(String id, Instant expiresAt);
}
