package io.cairn.connectors.push;

import io.cairn.connectors.content.EmptyValuePolicy;

/**
 * Configuration of a "Send push" journey node (the inputs of the {@code io.cairn.sendPush} element
 * template). The engine renders {@code title} into the message's subject and {@code body} into its
 * body before calling the connector.
 *
 * @param title the notification title, with {@code ${tag}} placeholders
 * @param body the notification text, with {@code ${tag}} placeholders
 * @param deepLink where a tap leads (an app link or http(s) URL), sent as {@code data.deep_link};
 *     sent as is, without placeholders. {@code null} or blank for none (a tap opens the app)
 * @param onEmptyValue what to do when a placeholder has no value for a recipient; {@code null}
 *     means SKIP
 * @param replacement the text used for empty values when {@code onEmptyValue} is REPLACE
 * @param templateId a content template ({@code /api/templates}) to send instead of inline content;
 *     the engine copies its content into these settings when the action is recorded. {@code null}
 *     or blank for inline content
 */
public record PushSettings(
    String title,
    String body,
    String deepLink,
    EmptyValuePolicy onEmptyValue,
    String replacement,
    String templateId) {

  /** Inline settings (no template). */
  public PushSettings(
      String title,
      String body,
      String deepLink,
      EmptyValuePolicy onEmptyValue,
      String replacement) {
    this(title, body, deepLink, onEmptyValue, replacement, null);
  }

  public PushSettings {
    title = title == null ? "" : title;
    body = body == null ? "" : body;
    deepLink = deepLink == null || deepLink.isBlank() ? null : deepLink.strip();
    onEmptyValue = onEmptyValue == null ? EmptyValuePolicy.SKIP : onEmptyValue;
    replacement = replacement == null ? "" : replacement;
    templateId = templateId == null || templateId.isBlank() ? null : templateId.strip();
  }
}
