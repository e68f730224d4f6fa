package io.cairn.connectors.platform;

import java.time.Duration;
import java.time.ZoneId;
import okhttp3.HttpUrl;

/**
 * Where and how to reach a third-party SMS or email platform that implements the reference
 * product's platform contract (see {@link SmsPlatformConnector}). Invalid values fail here, when
 * the application starts, rather than on the first delivery.
 *
 * @param prefix the platform's base URL ({@code ${prefix}} of the contract), {@code http} or {@code
 *     https}; the operation paths ({@code /sms/sendBatch} …) are appended to it
 * @param platformName the platform's name as configured; every answer must carry the same {@code
 *     platformName}, so that a prefix pointing at another platform is noticed. Blank means "do not
 *     check"
 * @param apiKey the key sent in {@code apiKeyHeader} (the contract is silent on authentication);
 *     {@code null} is sent as empty. Never logged: {@link #toString()} masks it
 * @param apiKeyHeader header name; {@code null} or blank means {@code X-Api-Key}
 * @param maxBatchSize recipients per send request; zero or less means 500
 * @param timeout the limit for one whole request; {@code null} means 10 seconds
 * @param zone the time zone of the platform's {@code yyyy-MM-dd HH:mm} dates; {@code null} means
 *     UTC
 * @throws IllegalArgumentException if the prefix is not an http(s) URL, the header name or key
 *     holds characters a header cannot carry, or the timeout is not positive
 */
public record PlatformEndpoint(
    String prefix,
    String platformName,
    String apiKey,
    String apiKeyHeader,
    int maxBatchSize,
    Duration timeout,
    ZoneId zone) {

  /** Header used for the API key when none is configured. */
  public static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";

  public PlatformEndpoint {
    if (prefix == null || HttpUrl.parse(prefix) == null) {
      throw new IllegalArgumentException("platform prefix is not an http(s) URL: " + prefix);
    }
    platformName = platformName == null ? "" : platformName.strip();
    apiKey = apiKey == null ? "" : apiKey;
    apiKeyHeader =
        apiKeyHeader == null || apiKeyHeader.isBlank() ? DEFAULT_API_KEY_HEADER : apiKeyHeader;
    maxBatchSize = maxBatchSize <= 0 ? 500 : maxBatchSize;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("platform timeout must be positive: " + timeout);
    }
    zone = zone == null ? ZoneId.of("UTC") : zone;
    checkHeader(apiKeyHeader, apiKey);
  }

  /** The URL of an operation: {@code prefix} followed by these path segments, each encoded. */
  public HttpUrl url(String... segments) {
    HttpUrl.Builder url = HttpUrl.get(prefix).newBuilder();
    for (String s : segments) {
      // addPathSegment encodes '/' and '?' in template codes and signature names, but would
      // resolve a dot segment: refuse those, they name nothing on any platform.
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        throw new IllegalArgumentException("not a usable path segment: '" + s + "'");
      }
      url.addPathSegment(s);
    }
    return url.build();
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
    return "PlatformEndpoint[prefix="
        + prefix
        + ", platformName="
        + platformName
        + ", apiKeyHeader="
        + apiKeyHeader
        + ", apiKey=***, maxBatchSize="
        + maxBatchSize
        + ", timeout="
        + timeout
        + ", zone="
        + zone
        + "]";
  }
}
