package io.cairn.engine.coupon.internal;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.coupon.CouponSettings;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.RecipientKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The {@code coupon} connector: issues each recipient a code of the node's coupon, through the
 * delivery ledger like every other action. A code is issued to the <em>entity</em> the ledger row
 * stands for (read back from its idempotency key), not to the address: the address only decides who
 * can receive one (a user without the node's identity is skipped by the dispatcher).
 *
 * <p>Outcomes: {@link Outcome.Sent} with the code's id as provider reference, also for a recipient
 * who already held a code of the coupon (the same code, not a second one); {@link Outcome.Rejected}
 * {@value #EXHAUSTED} when the pool has no code left for the recipient, {@value #DISABLED} or
 * {@value #UNKNOWN} for the whole batch; {@link Outcome.Retryable} when the database fails, which
 * is safe because issuing again issues nothing new.
 */
@Component
class CouponConnector implements ChannelConnector<CouponSettings> {

  static final String ID = "coupon";
  static final String EXHAUSTED = "pool-exhausted";
  static final String DISABLED = "coupon-disabled";
  static final String UNKNOWN = "coupon-unknown";

  private final CouponIssuer issuer;
  private final DeliveryLedger ledger;

  /** Lazy: the ledger is built from the router, which is built from the connectors. */
  CouponConnector(CouponIssuer issuer, @Lazy DeliveryLedger ledger) {
    this.issuer = issuer;
    this.ledger = ledger;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Channel channel() {
    return Channel.COUPON;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return EnumSet.allOf(IdType.class);
  }

  @Override
  public IdType idTypeFor(CouponSettings settings) {
    return settings == null ? IdType.MOBILE : settings.idType();
  }

  @Override
  public Class<CouponSettings> settingsType() {
    return CouponSettings.class;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<CouponSettings> batch) {
    long couponId = batch.settings().couponId();
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Map<Long, List<Keyed>> byAction = new LinkedHashMap<>();
    for (OutboundMessage m : batch.messages()) {
      Optional<RecipientKey> key = RecipientKey.parse(m.idempotencyKey());
      if (key.isEmpty()) {
        outcomes.put(m.idempotencyKey(), new Outcome.Rejected("bad-key", "not a ledger key"));
      } else {
        byAction
            .computeIfAbsent(key.get().actionId(), a -> new ArrayList<>())
            .add(new Keyed(m.idempotencyKey(), key.get().entityId()));
      }
    }
    // A batch is one action execution; grouping keeps this right if that ever changes.
    byAction.forEach((actionId, keyed) -> issue(couponId, actionId, keyed, outcomes));
    return new BatchOutcome(outcomes);
  }

  private record Keyed(String key, int entityId) {}

  private void issue(long couponId, long actionId, List<Keyed> keyed, Map<String, Outcome> out) {
    CouponIssuer.Result result;
    try {
      Optional<String> entityType = ledger.entityType(actionId);
      if (entityType.isEmpty()) {
        keyed.forEach(
            k -> out.put(k.key(), new Outcome.Rejected("bad-key", "no action " + actionId)));
        return;
      }
      int[] ids = keyed.stream().mapToInt(Keyed::entityId).toArray();
      result = issuer.issue(couponId, entityType.get(), ids);
    } catch (RuntimeException e) {
      // Only the class: a driver's message may quote the statement's values.
      Outcome retry = new Outcome.Retryable("coupon store failed: " + e.getClass().getSimpleName());
      keyed.forEach(k -> out.put(k.key(), retry));
      return;
    }
    for (Keyed k : keyed) {
      out.put(k.key(), outcome(couponId, result, k.entityId()));
    }
  }

  private static Outcome outcome(long couponId, CouponIssuer.Result result, int entityId) {
    if (result.refusal() == CouponIssuer.Refusal.UNKNOWN) {
      return new Outcome.Rejected(UNKNOWN, "coupon " + couponId + " does not exist");
    }
    if (result.refusal() == CouponIssuer.Refusal.DISABLED) {
      return new Outcome.Rejected(DISABLED, "coupon " + couponId + " is disabled");
    }
    Long code = result.codes().get(entityId);
    return code == null
        ? new Outcome.Rejected(
            EXHAUSTED, "pool exhausted: coupon " + couponId + " has no code left")
        : new Outcome.Sent(String.valueOf(code));
  }

  @Override
  public String toString() {
    return "CouponConnector[" + ID + "]";
  }
}
