package io.cairn.engine.template;

/**
 * What a client sends to create a short link.
 *
 * @param name what people call it (1–128 characters)
 * @param targetUrl an absolute http or https URL of at most 2,048 characters
 */
public record NewShortLink(String name, String targetUrl) {}
