package io.cairn.engine.coupon.internal;

import io.cairn.connectors.coupon.CouponSettings;
import io.cairn.engine.coupon.Coupon;
import io.cairn.engine.delivery.SettingsCheck;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An "Issue coupon" node is deployable when its coupon exists and is enabled. An empty pool is not
 * a problem here: codes may be imported until the node runs, and a recipient who finds the pool
 * exhausted fails with that reason.
 */
@Component
class CouponSettingsCheck implements SettingsCheck {

  private final CouponStore store;

  CouponSettingsCheck(CouponStore store) {
    this.store = store;
  }

  @Override
  public List<String> problems(Record settings) {
    if (!(settings instanceof CouponSettings s)) {
      return List.of();
    }
    Optional<Coupon> coupon = store.find(s.couponId());
    if (coupon.isEmpty()) {
      return List.of("coupon " + s.coupon() + " does not exist");
    }
    return coupon.get().enabled() ? List.of() : List.of("coupon " + s.coupon() + " is disabled");
  }
}
