package io.cairn.connectors.email;

import io.cairn.connectors.content.EmptyValuePolicy;

/**
 * Configuration of a "Send email" journey node (the inputs of the {@code io.cairn.sendEmail}
 * element template).
 *
 * @param from the sender address
 * @param subject the subject, with {@code ${tag}} placeholders
 * @param body the plain-text body, with {@code ${tag}} placeholders
 * @param onEmptyValue what to do when a placeholder has no value for a recipient
 * @param replacement the text used for empty values when {@code onEmptyValue} is REPLACE
 * @param templateId a content template ({@code /api/templates}) to send instead of inline content;
 *     the engine copies its content into these settings when the action is recorded. {@code null}
 *     or blank for inline content
 * @param html the HTML part, with {@code ${tag}} placeholders whose values are HTML-escaped when
 *     rendered; {@code null} or blank sends the plain-text body only
 */
public record EmailSettings(
    String from,
    String subject,
    String body,
    EmptyValuePolicy onEmptyValue,
    String replacement,
    String templateId,
    String html) {

  /** Settings without an HTML part. */
  public EmailSettings(
      String from,
      String subject,
      String body,
      EmptyValuePolicy onEmptyValue,
      String replacement,
      String templateId) {
    this(from, subject, body, onEmptyValue, replacement, templateId, null);
  }

  /** Inline settings (no template). */
  public EmailSettings(
      String from,
      String subject,
      String body,
      EmptyValuePolicy onEmptyValue,
      String replacement) {
    this(from, subject, body, onEmptyValue, replacement, null);
  }

  public EmailSettings {
    if (onEmptyValue == null) {
      onEmptyValue = EmptyValuePolicy.SKIP;
    }
    replacement = replacement == null ? "" : replacement;
    templateId = templateId == null || templateId.isBlank() ? null : templateId.strip();
    html = html == null || html.isBlank() ? null : html;
  }
}
