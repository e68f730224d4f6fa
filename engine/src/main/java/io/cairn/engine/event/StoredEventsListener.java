package io.cairn.engine.event;

import java.util.List;

/**
 * Told about every batch of newly stored events, inside the ingesting transaction: whatever it
 * writes commits with the events or not at all, so nothing it derives from an accepted event is
 * lost. It runs on ingestion's critical path (the group commit): keep it to a few batched writes
 * and do the slow work after the commit. Implementations must be thread-safe.
 */
public interface StoredEventsListener {

  /** The events stored in this transaction (never duplicates of earlier ones). */
  void stored(List<StoredEvent> events);
}
