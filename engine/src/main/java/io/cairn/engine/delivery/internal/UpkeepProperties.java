package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ledger's upkeep ({@code cairn.delivery.*}, documented in the web module's application.yml).
 *
 * @param feedbackWindow per channel ({@code sms}, {@code email}, {@code push} …): how long after
 *     sending a receipt may still come; SENT rows without one become NO_FEEDBACK then. 0 = no
 *     feedback expected (rows stay SENT). Webhooks use each webhook's own receipt window.
 * @param retention how long the rows of a finished action are kept; afterwards only their counts
 *     per status remain
 * @param upkeepInterval how often the feedback sweep and the retention purge run
 * @param upkeepChunk rows changed or deleted per statement (and per transaction)
 */
@ConfigurationProperties("cairn.delivery")
record UpkeepProperties(
    Map<String, Duration> feedbackWindow,
    Duration retention,
    Duration upkeepInterval,
    Integer upkeepChunk) {

  /**
   * SMS delivery reports come within minutes or not at all once a handset was off for the
   * operator's validity period (typically 48–72 h); bounces of email can come days later, as
   * receiving servers keep retrying for up to about five days (RFC 5321, 4.5.4.1); push reports
   * come once the device is next online.
   */
  private static final Map<String, Duration> DEFAULT_WINDOWS =
      Map.of(
          "sms", Duration.ofHours(72), "email", Duration.ofDays(5), "push", Duration.ofHours(72));

  UpkeepProperties {
    Map<String, Duration> windows = new HashMap<>(DEFAULT_WINDOWS);
    if (feedbackWindow != null) {
      feedbackWindow.forEach((k, v) -> windows.put(k.toLowerCase(Locale.ROOT), v));
    }
    windows.forEach(
        (channel, d) -> {
          if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(
                "cairn.delivery.feedback-window." + channel + " must be 0 or more");
          }
        });
    feedbackWindow = Map.copyOf(windows);
    retention = retention == null ? Duration.ofDays(7) : retention;
    if (retention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "cairn.delivery.retention must be at least 1h, was " + retention);
    }
    upkeepInterval = upkeepInterval == null ? Duration.ofMinutes(10) : upkeepInterval;
    if (upkeepInterval.toMillis() < 1) {
      throw new IllegalArgumentException("cairn.delivery.upkeep-interval must be positive");
    }
    upkeepChunk = upkeepChunk == null ? 10_000 : upkeepChunk;
    if (upkeepChunk < 1 || upkeepChunk > 100_000) {
      throw new IllegalArgumentException("cairn.delivery.upkeep-chunk must be 1-100000");
    }
  }

  /** The configured window of a channel; empty when none or 0 (no feedback expected). */
  Optional<Duration> window(Channel channel) {
    Duration d = feedbackWindow.get(channel.name().toLowerCase(Locale.ROOT));
    return d == null || d.isZero() ? Optional.empty() : Optional.of(d);
  }
}
