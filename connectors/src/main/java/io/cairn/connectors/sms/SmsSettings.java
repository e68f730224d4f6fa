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
 * @param type NOTIFICATION (the default, for nodes created before types existed) or PROMOTIONAL
 * @param optOutSuffix appended to every PROMOTIONAL text; blank means {@value #DEFAULT_OPT_OUT}, so
 *     a promotional text can never go out without one
 * @param templateCode the approved template on a third-party SMS platform ({@code sms.platform}),
 *     which sends its own copy of the text with the recipient's values of the {@code template}'s
 *     variables; blank (stored as {@code null}) for connectors that send {@code template} itself
 * @param templateId a content template ({@code /api/templates}) to send instead of inline content;
 *     the engine copies its content into these settings when the action is recorded, so the
 *     connector never reads it. {@code null} or blank for inline content
 */
public record SmsSettings(
    String template,
    EmptyValuePolicy onEmptyValue,
    String replacement,
    String signature,
    SmsType type,
    String optOutSuffix,
    String templateCode,
    String templateId) {

  /** The reference product's opt-out text: "reply T to unsubscribe" (4 characters). */
  public static final String DEFAULT_OPT_OUT = "回T退订";

  /** Settings of a notification (no opt-out text). */
  public SmsSettings(
      String template, EmptyValuePolicy onEmptyValue, String replacement, String signature) {
    this(template, onEmptyValue, replacement, signature, SmsType.NOTIFICATION, null, null, null);
  }

  /** Settings of a node that sends its own text (no platform template). */
  public SmsSettings(
      String template,
      EmptyValuePolicy onEmptyValue,
      String replacement,
      String signature,
      SmsType type,
      String optOutSuffix) {
    this(template, onEmptyValue, replacement, signature, type, optOutSuffix, null, null);
  }

  /** Settings of a node that sends a third-party platform's template ({@code templateCode}). */
  public SmsSettings(
      String template,
      EmptyValuePolicy onEmptyValue,
      String replacement,
      String signature,
      SmsType type,
      String optOutSuffix,
      String templateCode) {
    this(template, onEmptyValue, replacement, signature, type, optOutSuffix, templateCode, null);
  }

  public SmsSettings {
    if (onEmptyValue == null) {
      onEmptyValue = EmptyValuePolicy.SKIP;
    }
    replacement = replacement == null ? "" : replacement;
    signature = signature == null ? "" : signature;
    type = type == null ? SmsType.NOTIFICATION : type;
    optOutSuffix =
        optOutSuffix == null || optOutSuffix.isBlank() ? DEFAULT_OPT_OUT : optOutSuffix.strip();
    templateCode = templateCode == null || templateCode.isBlank() ? null : templateCode.strip();
    templateId = templateId == null || templateId.isBlank() ? null : templateId.strip();
  }
}
