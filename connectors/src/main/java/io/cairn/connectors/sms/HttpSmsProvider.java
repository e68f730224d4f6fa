package io.cairn.connectors.sms;

import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * Where and how to reach an SMS gateway that speaks Cairn's HTTP contract (see {@link
 * HttpSmsConnector}). Invalid values fail here, when the application starts, rather than on the
 * first delivery.
 *
 * @param url the batch endpoint, {@code http} or {@code https}
 * @param apiKey the key sent in {@code apiKeyHeader}; {@code null} is sent as empty. Never logged:
 *     {@link #toString()} masks it
 * @param apiKeyHeader header name; {@code null} or blank means {@code X-Api-Key}
 * @param maxBatchSize recipients per request; zero or less means 500
 * @param timeout the limit for one whole request (connect, send, wait, read); {@code null} means 10
 *     seconds
 * @throws IllegalArgumentException if the url is not an http(s) URL, the header name or key holds
 *     characters a header cannot carry, or the timeout is not positive
 */
public record HttpSmsProvider(
    String url, String apiKey, String apiKeyHeader, int maxBatchSize, Duration timeout) {

  /** Header used for the API key when none is configured. */
  public static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";

  /** Batch size used when none is configured. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 500;

  /** Timeout used when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public HttpSmsProvider {
    if (url == null || HttpUrl.parse(url) == null) {
      throw new IllegalArgumentException("SMS gateway url is not an http(s) URL: " + url);
    }
    apiKey = apiKey == null ? "" : apiKey;
    apiKeyHeader =
        apiKeyHeader == null || apiKeyHeader.isBlank() ? DEFAULT_API_KEY_HEADER : apiKeyHeader;
    maxBatchSize = maxBatchSize <= 0 ? DEFAULT_MAX_BATCH_SIZE : maxBatchSize;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("SMS gateway timeout must be positive: " + timeout);
    }
    checkHeader(apiKeyHeader, apiKey);
  }

  // OkHttp would reject these on the first request, with the key in its message.
  private static void checkHeader(String name, String value) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException("invalid character in apiKeyHeader at index " + i);
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < ' ' || c >= 0x7f)) {
        throw new IllegalArgumentException("invalid character in apiKey at index " + i);
      }
    }
  }

  @Override
  public String toString() {
    return "HttpSmsProvider[url="
        + url
        + ", apiKeyHeader="
        + apiKeyHeader
        + ", apiKey=***, maxBatchSize="
        + maxBatchSize
        + ", timeout="
        + timeout
        + "]";
  }
}
