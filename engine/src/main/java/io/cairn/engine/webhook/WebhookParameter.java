package io.cairn.engine.webhook;

/**
 * One parameter a webhook's receiver expects (the reference's "webhook参数" row).
 *
 * @param name the key in the request's {@code params}, e.g. {@code coupon_id}
 * @param displayName the label shown to the marketer configuring a node
 * @param type what values it takes
 */
public record WebhookParameter(String name, String displayName, ParameterType type) {}
