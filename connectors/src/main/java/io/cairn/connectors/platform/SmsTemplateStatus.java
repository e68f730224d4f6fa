package io.cairn.connectors.platform;

import io.cairn.connectors.sms.SmsType;

/**
 * A template's review on the platform.
 *
 * @param templateCode the platform's code
 * @param status in review, approved or rejected
 * @param type NOTIFICATION (contract type 1) or PROMOTIONAL (2); {@code null} for the types Cairn
 *     does not send (verification codes, international)
 * @param content the template's text as the platform holds it; may be empty
 * @param reason the reviewer's note; empty unless rejected
 */
public record SmsTemplateStatus(
    String templateCode, AuditStatus status, SmsType type, String content, String reason) {}
