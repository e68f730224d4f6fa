package io.cairn.connectors.sms;

import io.cairn.connectors.content.EmptyValuePolicy;

/**
 * Configuration of a "Send SMS" journey node (the inputs of the {@code io.cairn.sendSms} element
 * template).
 *
 * @param template the text with {@code ${tag}} placeholders
 * @param onEmptyValue what to do when a placeholder has no value for a recipient
 * @param replacement the text used for empty values when {@code onEmptyValue} is REPLACE
 * @param signature the sender signature, prefixed as {@code 【signature】}; may be empty
 */
public record SmsSettings(
    String template, EmptyValuePolicy onEmptyValue, String replacement, String signature) {

  public SmsSettings {
    if (onEmptyValue == null) {
      onEmptyValue = EmptyValuePolicy.SKIP;
    }
    replacement = replacement == null ? "" : replacement;
    signature = signature == null ? "" : signature;
  }
}
