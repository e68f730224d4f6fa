package io.cairn.engine.coupon.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues codes of one coupon to a batch of entities, set-based and race-free: in one transaction it
 * locks the coupon's row, reads which of the entities already hold a code (one statement per
 * thousand entities), claims as many free codes as there are new holders (one statement), marks
 * them issued and records the holders (one batch). An entity that already holds a code gets the
 * same code again. The coupon's row lock makes concurrent batches of one coupon follow one another
 * (batches of different coupons do not wait for each other); the primary key of {@code
 * cairn_coupon_issue} and the unique code id are what guarantee "one code per entity per coupon"
 * and "no code twice" even so, and a violation rolls the whole batch back.
 */
@Component
public class CouponIssuer {

  /** Why a whole batch was refused. */
  public enum Refusal {
    UNKNOWN,
    DISABLED
  }

  /**
   * The outcome of a batch.
   *
   * @param refusal set when nobody was issued anything (then {@code codes} is empty)
   * @param codes the code id each entity holds now, already held or newly issued; an entity of the
   *     batch missing here found the pool exhausted
   * @param fresh how many of {@code codes} were issued by this call
   */
  public record Result(Refusal refusal, Map<Integer, Long> codes, int fresh) {}

  private final CouponStore store;
  private final TransactionTemplate tx;
  private final Clock clock;

  CouponIssuer(CouponStore store, TransactionTemplate tx, Clock clock) {
    this.store = store;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Issues a code of the coupon to each entity that holds none yet, in entity order, while codes
   * are left. Idempotent: calling it again for the same entities issues nothing new.
   *
   * @param entityIds dense entity ids; duplicates are issued once
   * @throws org.springframework.dao.DataAccessException when the database fails; nothing is issued
   */
  public Result issue(long couponId, String entityType, int[] entityIds) {
    int[] ids = Arrays.stream(entityIds).distinct().sorted().toArray();
    return tx.execute(s -> issueLocked(couponId, entityType, ids));
  }

  private Result issueLocked(long couponId, String entityType, int[] ids) {
    Optional<Boolean> enabled = store.lock(couponId);
    if (enabled.isEmpty()) {
      return new Result(Refusal.UNKNOWN, Map.of(), 0);
    }
    if (!enabled.get()) {
      return new Result(Refusal.DISABLED, Map.of(), 0);
    }
    Map<Integer, Long> codes = new LinkedHashMap<>(store.holders(couponId, entityType, ids));
    int[] fresh = Arrays.stream(ids).filter(id -> !codes.containsKey(id)).toArray();
    List<Long> claimed = store.claimFree(couponId, fresh.length);
    if (claimed.isEmpty()) {
      return new Result(null, codes, 0);
    }
    if (store.markIssued(couponId, claimed) != claimed.size()) {
      // Cannot happen under the row lock; if it does, issue nothing rather than a code twice.
      throw new IllegalStateException("coupon " + couponId + ": claimed codes were not free");
    }
    Map<Integer, Long> issued = new LinkedHashMap<>();
    for (int i = 0; i < claimed.size(); i++) {
      issued.put(fresh[i], claimed.get(i));
    }
    store.insertHolders(couponId, entityType, issued, clock.instant());
    store.addCounts(couponId, 0, issued.size(), clock.instant());
    codes.putAll(issued);
    return new Result(null, codes, issued.size());
  }
}
