package io.cairn.engine.delivery;

import java.util.Optional;

/**
 * What a ledger row's idempotency key ({@code <actionId>-<entityId>}, {@link
 * io.cairn.connectors.channel.OutboundMessage#idempotencyKey()}) names: the action execution and
 * the recipient's dense entity id. Receipts read it back, and so do connectors whose effect is per
 * entity rather than per address (issuing coupons).
 *
 * @param actionId the action execution
 * @param entityId the recipient's dense entity id
 */
public record RecipientKey(long actionId, int entityId) {

  /** The key's parts, or empty when it is not a ledger key. */
  public static Optional<RecipientKey> parse(String key) {
    if (key == null || !key.matches("[0-9]{1,18}-[0-9]{1,10}")) {
      return Optional.empty();
    }
    int dash = key.indexOf('-');
    long entity = Long.parseLong(key.substring(dash + 1));
    return entity > Integer.MAX_VALUE
        ? Optional.empty()
        : Optional.of(new RecipientKey(Long.parseLong(key.substring(0, dash)), (int) entity));
  }

  @Override
  public String toString() {
    return actionId + "-" + entityId;
  }
}
