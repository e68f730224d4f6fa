package io.cairn.engine.template;

import io.cairn.connectors.sms.SmsType;

/**
 * An SMS template's content.
 *
 * @param type PROMOTIONAL or NOTIFICATION ({@code null} means NOTIFICATION)
 * @param signature the sender signature, sent as {@code 【signature】}; may be empty
 * @param text the message with {@code ${var}} and {@code ${link:<code>}} placeholders
 */
public record SmsContent(SmsType type, String signature, String text) {}
