package io.cairn.connectors.push;

/**
 * Supplies the OAuth 2 access token sent as {@code Authorization: Bearer <token>}. FCM tokens
 * expire after an hour, so the connector asks once per batch; an implementation caches and
 * refreshes (e.g. from a Google service account read from the environment). Thread-safe.
 */
@FunctionalInterface
public interface PushCredentials {

  /**
   * A currently valid access token.
   *
   * @throws RuntimeException if none can be had now; the batch is then retryable
   */
  String accessToken();
}
