package io.cairn.connectors.channel;

/**
 * What happened to one message. The delivery ledger, not the connector, decides what to do next:
 * a {@link Retryable} is retried with backoff, a {@link Rejected} is final, an {@link Ambiguous} is
 * never resent automatically because the provider may already have it.
 */
public sealed interface Outcome {

  /** The provider accepted the message. */
  record Sent(String providerMessageId) implements Outcome {}

  /** The provider refused the message permanently (bad number, template not approved …). */
  record Rejected(String code, String reason) implements Outcome {}

  /** A transient failure before the provider took the message (5xx, throttled, connect failure). */
  record Retryable(String reason) implements Outcome {}

  /** The request may have reached the provider but no answer says so (timeout, reset mid-way). */
  record Ambiguous(String reason) implements Outcome {}
}
