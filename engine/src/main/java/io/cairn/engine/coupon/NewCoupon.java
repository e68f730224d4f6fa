package io.cairn.engine.coupon;

/**
 * A coupon to create; its codes are imported afterwards.
 *
 * @param name 1 to 128 characters, unique
 * @param description optional, up to 512 characters
 */
public record NewCoupon(String name, String description) {}
