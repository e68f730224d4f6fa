/**
 * Push notifications: the settings of a "Send push" node ({@link
 * io.cairn.connectors.push.PushSettings}), the provider configuration ({@link
 * io.cairn.connectors.push.PushProvider}, {@link io.cairn.connectors.push.PushCredentials}) and the
 * connector for the FCM HTTP v1 protocol ({@link io.cairn.connectors.push.FcmPushConnector}).
 *
 * <p>Depends on {@code channel} and {@code http}, OkHttp and Jackson only.
 */
package io.cairn.connectors.push;
