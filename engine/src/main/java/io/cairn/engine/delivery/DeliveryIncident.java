package io.cairn.engine.delivery;

import java.time.Instant;

/**
 * Recipients of one action execution whose retries ran out (the provider kept failing
 * transiently): shown to operators until replayed.
 *
 * @param recipients how many ran out of retries
 * @param reason the reason of one of them (they usually share it)
 * @param replayedAt when an operator replayed it; null while open
 */
public record DeliveryIncident(
    long id,
    long actionId,
    long journeyId,
    String elementId,
    String channel,
    long recipients,
    String reason,
    Instant createdAt,
    Instant replayedAt) {}
