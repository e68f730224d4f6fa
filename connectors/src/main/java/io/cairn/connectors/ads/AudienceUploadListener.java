package io.cairn.connectors.ads;

/**
 * Receives the report of every upload an audience connector finished (also a partly failed one).
 * Called on the delivering thread, after the platform answered and before {@code deliver} returns;
 * must be thread-safe and quick, and must not throw.
 */
@FunctionalInterface
public interface AudienceUploadListener {

  /** A listener that drops every report. */
  AudienceUploadListener NONE = report -> {};

  void uploaded(AudienceUploadReport report);
}
