package io.cairn.engine.delivery.internal;

import io.cairn.connectors.platform.PlatformEndpoint;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The third-party SMS platform ({@code cairn.channels.sms.platform.*}, documented in the web
 * module's application.yml), used when {@code cairn.channels.sms.connector=platform}.
 *
 * @param url the platform's {@code ${prefix}}
 * @param name the platform's name; its answers must carry the same {@code platformName}
 * @param apiKey sent in {@code apiKeyHeader}; from the environment only, never logged
 * @param apiKeyHeader header of the key; blank means X-Api-Key
 * @param batchSize recipients per send request
 * @param timeout limit of one request
 * @param zone the zone of the platform's dates
 * @param reportInterval pause between two delivery-report polls; zero or less: never poll
 * @param reportOverlap how far before the last poll's end the next one starts again, for reports
 *     that arrive late in the platform's listing (re-applying a report changes nothing)
 * @param reportLookback where the very first poll starts, before any cursor is stored
 * @param reportPageSize reports per page, 1–1000
 * @param statusCacheTtl how long a template's or signature's audit status is reused by journey
 *     validation before the platform is asked again
 */
@ConfigurationProperties("cairn.channels.sms.platform")
record SmsPlatformProperties(
    String url,
    String name,
    String apiKey,
    String apiKeyHeader,
    Integer batchSize,
    Duration timeout,
    ZoneId zone,
    Duration reportInterval,
    Duration reportOverlap,
    Duration reportLookback,
    Integer reportPageSize,
    Duration statusCacheTtl) {

  SmsPlatformProperties {
    url = url == null ? "" : url.strip();
    name = name == null ? "" : name.strip();
    batchSize = batchSize == null ? 500 : batchSize;
    reportInterval = reportInterval == null ? Duration.ofMinutes(1) : reportInterval;
    reportOverlap = reportOverlap == null ? Duration.ofMinutes(5) : reportOverlap;
    reportLookback = reportLookback == null ? Duration.ofDays(1) : reportLookback;
    reportPageSize = reportPageSize == null ? 1000 : reportPageSize;
    statusCacheTtl = statusCacheTtl == null ? Duration.ofMinutes(1) : statusCacheTtl;
    if (reportPageSize < 1 || reportPageSize > 1000) {
      throw new IllegalArgumentException(
          "cairn.channels.sms.platform.report-page-size must be 1 to 1000, was " + reportPageSize);
    }
    if (reportOverlap.isNegative() || reportLookback.isNegative()) {
      throw new IllegalArgumentException(
          "cairn.channels.sms.platform.report-overlap and report-lookback must not be negative");
    }
  }

  /** The endpoint; fails (naming the key) when the url is not an http(s) URL. */
  PlatformEndpoint endpoint() {
    try {
      return new PlatformEndpoint(url, name, apiKey, apiKeyHeader, batchSize, timeout, zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cairn.channels.sms.platform: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SmsPlatformProperties[url=" + url + ", name=" + name + ", apiKey=***]";
  }
}
