package io.cairn.connectors.sandbox;

import io.cairn.connectors.channel.Channel;
import java.time.Instant;

/**
 * A message a sandbox connector recorded instead of sending.
 *
 * @param connectorId the sandbox connector's id ({@code sms.sandbox} …)
 * @param channel the channel the message was meant for
 * @param idempotencyKey the ledger's idempotency key of the message
 * @param recipient the address it would have gone to
 * @param subject the rendered subject, or {@code null}
 * @param body the rendered text
 * @param recordedAt when it was recorded
 */
public record SandboxMessage(
    String connectorId,
    Channel channel,
    String idempotencyKey,
    String recipient,
    String subject,
    String body,
    Instant recordedAt) {

  @Override
  public String toString() {
    return "SandboxMessage[" + connectorId + ", " + idempotencyKey + "]";
  }
}
