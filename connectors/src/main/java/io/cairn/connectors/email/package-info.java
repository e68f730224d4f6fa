/**
 * Email: the settings of a "Send email" node ({@link io.cairn.connectors.email.EmailSettings}) and
 * the SMTP connector ({@link io.cairn.connectors.email.SmtpEmailConnector}, configured by {@link
 * io.cairn.connectors.email.SmtpServer}).
 *
 * <p>Depends on {@code channel} and {@code content} and on jakarta.mail (Eclipse Angus) only.
 */
package io.cairn.connectors.email;
