package io.cairn.engine.template;

/**
 * A push template's content.
 *
 * @param title the notification title, with placeholders
 * @param body the notification text, with placeholders
 * @param deepLink where a tap leads, sent as is (no placeholders); may be empty
 */
public record PushContent(String title, String body, String deepLink) {}
