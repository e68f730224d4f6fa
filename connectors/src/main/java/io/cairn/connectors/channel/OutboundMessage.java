package io.cairn.connectors.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rendered message for one recipient.
 *
 * @param idempotencyKey unique per recipient per action execution; providers that accept an
 *     idempotency key receive it, and the outcome of this message is reported under it
 * @param address the recipient's address for the channel (a mobile number, an email address …)
 * @param subject the rendered subject, or {@code null} for channels without one
 * @param body the rendered text
 * @param variables the recipient's values of the variables the node's settings use, by name, for
 *     connectors whose payload carries them apart from the text (a webhook sends its parameters and
 *     their values); empty for connectors that only need {@code body}. Never {@code null}; entries
 *     with a {@code null} value are dropped (no value)
 * @param html the rendered HTML part for channels that have one (email), values escaped; {@code
 *     null} when the node has none
 */
public record OutboundMessage(
    String idempotencyKey,
    String address,
    String subject,
    String body,
    Map<String, String> variables,
    String html) {

  public OutboundMessage {
    if (variables == null || variables.isEmpty()) {
      variables = Map.of();
    } else {
      // Map.copyOf refuses null values, and immutable maps cannot even be asked for one.
      Map<String, String> present = new LinkedHashMap<>(variables);
      present.values().removeIf(Objects::isNull);
      variables = Map.copyOf(present);
    }
  }

  /** A message without an HTML part. */
  public OutboundMessage(
      String idempotencyKey,
      String address,
      String subject,
      String body,
      Map<String, String> variables) {
    this(idempotencyKey, address, subject, body, variables, null);
  }

  /** A message without variables, for connectors that only need the rendered text. */
  public OutboundMessage(String idempotencyKey, String address, String subject, String body) {
    this(idempotencyKey, address, subject, body, Map.of());
  }

  @Override
  public String toString() {
    // Addresses, texts and variable values are personal data: never let them reach a log line.
    return "OutboundMessage[" + idempotencyKey + "]";
  }
}
