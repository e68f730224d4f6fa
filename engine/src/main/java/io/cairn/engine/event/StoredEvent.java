package io.cairn.engine.event;

/**
 * An event as ingestion stored it, handed to {@link StoredEventsListener}s.
 *
 * @param id Cairn's event id (unique; a duplicate the source resent never becomes a second one)
 * @param sourceCode the source that sent it
 * @param eventCode its event type
 * @param entityId the dense id of the user entity it belongs to
 * @param eventTime when it happened, epoch milliseconds (as the sender said)
 * @param receivedAt when Cairn accepted it, epoch milliseconds
 * @param attributes its attribute values as stored ({@link StoredAttributes#encode}, null when none)
 */
public record StoredEvent(
    long id,
    String sourceCode,
    String eventCode,
    int entityId,
    long eventTime,
    long receivedAt,
    String attributes) {}
