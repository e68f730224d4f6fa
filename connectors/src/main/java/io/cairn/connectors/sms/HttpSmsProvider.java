package io.cairn.connectors.sms;

import java.time.Duration;

/**
 * Where and how to reach an HTTP SMS gateway.
 *
 * @param url the batch endpoint
 * @param apiKey the key sent in {@code apiKeyHeader}
 * @param apiKeyHeader header name, default {@code X-Api-Key}
 * @param maxBatchSize recipients per request, default 500
 * @param timeout the whole request's timeout
 */
public record HttpSmsProvider(
    String url, String apiKey, String apiKeyHeader, int maxBatchSize, Duration timeout) {

  public HttpSmsProvider {
    apiKeyHeader = apiKeyHeader == null || apiKeyHeader.isBlank() ? "X-Api-Key" : apiKeyHeader;
    maxBatchSize = maxBatchSize <= 0 ? 500 : maxBatchSize;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  @Override
  public String toString() {
    return "HttpSmsProvider[" + url + ", apiKey=***]";
  }
}
