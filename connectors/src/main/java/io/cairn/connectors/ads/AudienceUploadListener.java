package io.cairn.connectors.ads;

import io.cairn.connectors.channel.DeliveryBatch;

/**
 * Receives the report of every upload an audience connector finished (also a partly failed one).
 * Called on the delivering thread, after the platform answered and before {@code deliver} returns;
 * must be thread-safe and quick, and must not throw.
 */
@FunctionalInterface
public interface AudienceUploadListener {

  /** A listener that drops every report. */
  AudienceUploadListener NONE = (batch, report) -> {};

  /**
   * @param batch the delivery the report is about: its messages' idempotency keys tell the caller
   *     which action execution uploaded (a batch always belongs to one)
   * @param report what the platform said
   */
  void uploaded(DeliveryBatch<?> batch, AudienceUploadReport report);
}
