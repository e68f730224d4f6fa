package io.cairn.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.event.internal.EventStorage;
import io.cairn.engine.problem.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * Ingests batches of events from one authenticated source. Each item is validated and answered
 * on its own; the accepted ones are committed (in one transaction) before this method returns, so
 * a caller that got an answer never loses an accepted event; an item whose {@code id} the source
 * sent before is answered DUPLICATE and not stored again. Thread-safe.
 */
@Service
public class EventIngestion {

  /** The most items one call takes (the reference product's limit). */
  public static final int MAX_BATCH = 100;

  private final EventStorage storage;

  EventIngestion(EventStorage storage) {
    this.storage = storage;
  }

  /**
   * @param batch a JSON array of 1 to {@link #MAX_BATCH} items
   * @throws InvalidInputException when the batch itself is not an array of that size (nothing is
   *     stored)
   */
  public IngestReport ingest(EventSource source, JsonNode batch) {
    if (batch == null || !batch.isArray()) {
      throw new InvalidInputException("invalid-events", "events", "a JSON array of events");
    }
    if (batch.isEmpty() || batch.size() > MAX_BATCH) {
      throw new InvalidInputException("invalid-events", "events",
          "1 to " + MAX_BATCH + " events per call (got " + batch.size() + ")");
    }
    return storage.store(source, batch);
  }
}
