/**
 * Email: node settings and the SMTP connector. Depends on channel and jakarta.mail.
 */
package io.cairn.connectors.email;
