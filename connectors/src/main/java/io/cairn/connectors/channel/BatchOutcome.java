package io.cairn.connectors.channel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link Outcome} per message of a {@link DeliveryBatch}, keyed by idempotency key.
 *
 * @param byKey outcomes by idempotency key
 */
public record BatchOutcome(Map<String, Outcome> byKey) {

  public BatchOutcome {
    byKey = Map.copyOf(byKey);
  }

  /** The same outcome for every message of a batch (a whole-request failure). */
  public static BatchOutcome all(Collection<OutboundMessage> messages, Outcome outcome) {
    Map<String, Outcome> map = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      map.put(m.idempotencyKey(), outcome);
    }
    return new BatchOutcome(map);
  }

  /**
   * The outcome of one message; a message the connector did not report on is {@link
   * Outcome.Ambiguous}, because nothing says whether the provider has it.
   */
  public Outcome outcomeFor(String idempotencyKey) {
    Outcome o = byKey.get(idempotencyKey);
    return o != null ? o : new Outcome.Ambiguous("no outcome reported by the connector");
  }
}
