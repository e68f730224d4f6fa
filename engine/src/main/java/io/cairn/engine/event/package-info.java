/**
 * Events: sources (with write keys), types with typed attributes, and ingestion of event batches
 * that are durable before they are acknowledged, stored once per sender id, and counted per user
 * and day for behaviour rules; {@link io.cairn.engine.event.StoredEventsListener}s (event journeys)
 * are told about stored events inside the ingesting transaction. Depends on {@code profile} (events belong to user entities).
 */
package io.cairn.engine.event;
