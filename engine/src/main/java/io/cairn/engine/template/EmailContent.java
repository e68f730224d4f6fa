package io.cairn.engine.template;

/**
 * An email template's content.
 *
 * @param sender the from address
 * @param subject the subject, with placeholders
 * @param html the HTML body, with placeholders; kept and previewed (the SMTP connector sends the
 *     text body today)
 * @param text the plain-text body, with placeholders: what is sent
 */
public record EmailContent(String sender, String subject, String html, String text) {}
