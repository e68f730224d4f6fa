package io.cairn.engine.event;

import java.util.List;

/**
 * Something that uses event types (journeys with event entries or behaviour branches). An event
 * type in use cannot be deleted. Implementations must be thread-safe and cheap enough to call on
 * each delete.
 */
public interface EventTypeUsage {

  /** Human-readable descriptions of what uses the event type (empty when nothing does). */
  List<String> uses(String eventCode);
}
