package io.cairn.engine.journey;

import java.time.Instant;

/**
 * Something in a journey that failed and waits for an operator: an engine incident (a node's step
 * failed and ran out of retries; the run is FAILED until it is retried successfully) or a delivery
 * incident (recipients of an action whose provider kept failing).
 *
 * @param id {@code engine-<n>} or {@code delivery-<n>}; what the retry operation takes
 * @param kind ENGINE or DELIVERY
 * @param runId the run it happened in, when known
 * @param elementId the node
 * @param name the node's name in the diagram
 * @param cause what failed, as the engine or the provider said it
 * @param createdAt when it was raised
 * @param open whether it still waits for an operator
 * @param resolvedAt when it was retried (or went away with its job); null while open
 * @param resolution RETRIED or DELETED (engine), REPLAYED (delivery); null while open
 * @param outcome of an engine retry: SUCCEEDED, FAILED_AGAIN, or null while unknown
 * @param recipients delivery incidents: recipients whose retries ran out
 * @param channel delivery incidents: the action's channel
 */
public record JourneyIncident(
    String id,
    String kind,
    Long runId,
    String elementId,
    String name,
    String cause,
    Instant createdAt,
    boolean open,
    Instant resolvedAt,
    String resolution,
    String outcome,
    Long recipients,
    String channel) {}
