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
 */
public record EmailSettings(
    String from,
    String subject,
    String body,
    EmptyValuePolicy onEmptyValue,
    String replacement) {

  public EmailSettings {
    if (onEmptyValue == null) {
      onEmptyValue = EmptyValuePolicy.SKIP;
    }
    replacement = replacement == null ? "" : replacement;
  }
}
