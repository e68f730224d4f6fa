package io.cairn.engine.webhook;

import java.time.Instant;

/**
 * What a test send did.
 *
 * @param webhookId the webhook
 * @param at when it was sent
 * @param outcome {@code SENT}, {@code REJECTED}, {@code RETRYABLE} or {@code AMBIGUOUS}, as the
 *     ledger would have recorded it
 * @param detail the outcome's code and reason, e.g. {@code 404: receiver refused: HTTP 404}
 * @param responseStatus the receiver's HTTP status, or {@code null} when none came
 * @param durationMillis from sending to the end of the answer
 * @param log the exchange as text: request line, headers (signature values withheld), body, and the
 *     answer; the same text {@code test-log} downloads
 */
public record WebhookTestResult(
    long webhookId,
    Instant at,
    String outcome,
    String detail,
    Integer responseStatus,
    long durationMillis,
    String log) {}
