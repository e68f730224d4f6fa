package io.cairn.connectors.channel;

/**
 * One rendered message for one recipient.
 *
 * @param idempotencyKey unique per recipient per action execution; providers that accept an
 *     idempotency key receive it, and the outcome of this message is reported under it
 * @param address the recipient's address for the channel (a mobile number, an email address …)
 * @param subject the rendered subject, or {@code null} for channels without one
 * @param body the rendered text
 */
public record OutboundMessage(String idempotencyKey, String address, String subject, String body) {

  @Override
  public String toString() {
    // Addresses and texts are personal data: never let them reach a log line by accident.
    return "OutboundMessage[" + idempotencyKey + "]";
  }
}
