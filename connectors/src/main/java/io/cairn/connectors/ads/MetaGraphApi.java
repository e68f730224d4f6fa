package io.cairn.connectors.ads;

import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * Where and how to reach Meta's Marketing API. Invalid values fail here, when the application
 * starts.
 *
 * @param baseUrl the Graph API's root; {@code null} means {@code https://graph.facebook.com}
 * @param apiVersion e.g. {@code v21.0}; {@code null} means {@link #DEFAULT_VERSION}
 * @param idsPerRequest identities per {@code POST /{audience_id}/users}, at most 10,000 (Meta's
 *     limit); zero or less means 10,000
 * @param maxBatchSize members per delivery (one upload session of several requests); zero or less
 *     means 50,000
 * @param defaultCallingCode digits added to phone numbers stored without a calling code, e.g.
 *     {@code 86}; {@code null} when numbers always carry one
 * @param timeout the limit for one request; {@code null} means 60 seconds
 */
public record MetaGraphApi(
    String baseUrl,
    String apiVersion,
    int idsPerRequest,
    int maxBatchSize,
    String defaultCallingCode,
    Duration timeout) {

  /** Graph API version used when none is configured. */
  public static final String DEFAULT_VERSION = "v21.0";

  /** Meta's limit of identities per request. */
  public static final int MAX_IDS_PER_REQUEST = 10_000;

  public MetaGraphApi {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://graph.facebook.com" : baseUrl.strip();
    if (HttpUrl.parse(baseUrl) == null) {
      throw new IllegalArgumentException(
          "Meta Graph API baseUrl is not an http(s) URL: " + baseUrl);
    }
    apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_VERSION : apiVersion.strip();
    if (idsPerRequest > MAX_IDS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "Meta takes at most " + MAX_IDS_PER_REQUEST + " ids per request: " + idsPerRequest);
    }
    idsPerRequest = idsPerRequest <= 0 ? MAX_IDS_PER_REQUEST : idsPerRequest;
    maxBatchSize = maxBatchSize <= 0 ? 50_000 : maxBatchSize;
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Meta Graph API timeout must be positive: " + timeout);
    }
  }
}
