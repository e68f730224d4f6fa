package io.cairn.connectors.platform;

import io.cairn.connectors.sms.SmsType;

/**
 * A text SMS template to submit for the platform's review, with the contract's limits checked here
 * so that a too-long field is reported by name instead of as the platform's error code.
 *
 * @param name 1–30 characters
 * @param content 1–500 characters, the text with {@code ${variable}} placeholders, without the
 *     signature; a PROMOTIONAL template's opt-out suffix is appended on submission
 * @param remark 1–100 characters: the business scenario, for the reviewer
 * @param type NOTIFICATION or PROMOTIONAL
 * @param optOutSuffix the opt-out text of a PROMOTIONAL template; blank means the default (回T退订)
 * @throws IllegalArgumentException naming the field that breaks a limit
 */
public record SmsTemplateDraft(
    String name, String content, String remark, SmsType type, String optOutSuffix) {

  public SmsTemplateDraft {
    check("name", name, 30);
    check("content", content, 500);
    check("remark", remark, 100);
    if (type == null) {
      throw new IllegalArgumentException("type: required (NOTIFICATION or PROMOTIONAL)");
    }
  }

  private static void check(String field, String value, int max) {
    int length = value == null ? 0 : value.strip().codePointCount(0, value.strip().length());
    if (length < 1 || length > max) {
      throw new IllegalArgumentException(field + ": must be 1 to " + max + " characters");
    }
  }
}
