package io.cairn.engine.coupon;

import java.time.Instant;
import java.util.List;

/**
 * A coupon as people see it: its pool's counts, never its codes.
 *
 * @param total codes imported into the pool
 * @param issued codes issued to an entity (each to exactly one)
 * @param left codes still free ({@code total - issued})
 * @param enabled whether journeys issue it; a disabled coupon's recipients fail with {@code
 *     coupon-disabled}
 */
public record Coupon(
    long id,
    String name,
    String description,
    boolean enabled,
    long total,
    long issued,
    long left,
    Instant createdAt,
    Instant updatedAt) {

  /** A page of coupons, newest first. */
  public record Page(List<Coupon> items, long total, int page, int size) {}
}
