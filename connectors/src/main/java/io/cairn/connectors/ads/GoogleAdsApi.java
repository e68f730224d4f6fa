package io.cairn.connectors.ads;

import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * Where and how to reach the Google Ads API (REST). Invalid values fail here, when the application
 * starts.
 *
 * @param baseUrl the API's root; {@code null} means {@code https://googleads.googleapis.com}
 * @param apiVersion e.g. {@code v21}; {@code null} means {@link #DEFAULT_VERSION}
 * @param developerToken the {@code developer-token} header. Never logged: {@link #toString()} masks
 *     it
 * @param loginCustomerId the manager account calls are made through ({@code login-customer-id}),
 *     digits; {@code null} or blank when the token's user has direct access
 * @param operationsPerRequest identities per {@code addOperations} call, at most 100,000 (Google's
 *     limit); zero or less means 10,000
 * @param maxBatchSize members per delivery (one offline user data job); zero or less means 100,000
 * @param defaultCallingCode digits added to phone numbers stored without a calling code, e.g.
 *     {@code 86}; {@code null} when numbers always carry one
 * @param timeout the limit for one request; {@code null} means 60 seconds
 */
public record GoogleAdsApi(
    String baseUrl,
    String apiVersion,
    String developerToken,
    String loginCustomerId,
    int operationsPerRequest,
    int maxBatchSize,
    String defaultCallingCode,
    Duration timeout) {

  /** API version used when none is configured. */
  public static final String DEFAULT_VERSION = "v21";

  /** Google's limit of operations per {@code addOperations} request. */
  public static final int MAX_OPERATIONS_PER_REQUEST = 100_000;

  public GoogleAdsApi {
    baseUrl =
        baseUrl == null || baseUrl.isBlank() ? "https://googleads.googleapis.com" : baseUrl.strip();
    if (HttpUrl.parse(baseUrl) == null) {
      throw new IllegalArgumentException(
          "Google Ads API baseUrl is not an http(s) URL: " + baseUrl);
    }
    apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_VERSION : apiVersion.strip();
    if (developerToken == null || developerToken.isBlank()) {
      throw new IllegalArgumentException("Google Ads API developerToken is missing");
    }
    loginCustomerId = loginCustomerId == null ? "" : loginCustomerId.replaceAll("[\\s-]", "");
    if (!loginCustomerId.matches("[0-9]*")) {
      throw new IllegalArgumentException("Google Ads loginCustomerId must be digits");
    }
    if (operationsPerRequest > MAX_OPERATIONS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "Google Ads takes at most "
              + MAX_OPERATIONS_PER_REQUEST
              + " operations per request: "
              + operationsPerRequest);
    }
    operationsPerRequest = operationsPerRequest <= 0 ? 10_000 : operationsPerRequest;
    maxBatchSize = maxBatchSize <= 0 ? 100_000 : maxBatchSize;
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Google Ads API timeout must be positive: " + timeout);
    }
  }

  @Override
  public String toString() {
    return "GoogleAdsApi[baseUrl="
        + baseUrl
        + ", apiVersion="
        + apiVersion
        + ", developerToken=***, loginCustomerId="
        + loginCustomerId
        + ", operationsPerRequest="
        + operationsPerRequest
        + ", maxBatchSize="
        + maxBatchSize
        + ", defaultCallingCode="
        + defaultCallingCode
        + ", timeout="
        + timeout
        + "]";
  }
}
