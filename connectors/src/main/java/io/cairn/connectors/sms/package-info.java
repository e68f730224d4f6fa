/**
 * SMS: the settings of a "Send SMS" node ({@link io.cairn.connectors.sms.SmsSettings}), the one
 * signature format ({@link io.cairn.connectors.sms.SmsText}) and the connector for Cairn's generic
 * HTTP gateway contract ({@link io.cairn.connectors.sms.HttpSmsConnector}, configured by {@link
 * io.cairn.connectors.sms.HttpSmsProvider}).
 *
 * <p>Depends on {@code channel} and {@code content}, OkHttp and Jackson only.
 */
package io.cairn.connectors.sms;
