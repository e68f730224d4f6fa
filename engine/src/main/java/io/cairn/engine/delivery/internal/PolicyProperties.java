package io.cairn.engine.delivery.internal;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Send policies ({@code cairn.policy.*}, documented in the web module's application.yml). Channel
 * keys are lower-case channel names ({@code sms}, {@code email}, {@code push} …).
 *
 * @param holdoutPercent share of entities (0–50, stable per entity) that never receive messages,
 *     so that a journey's lift can be measured against them; 0 = no holdout
 * @param holdoutSalt changes which entities are held out; keep it fixed once chosen
 * @param defaultTimeZone the zone of recipients without a valid time-zone tag, and of cap periods
 * @param timeZoneTag the tag holding a recipient's IANA time zone (e.g. {@code Europe/Berlin})
 * @param quietHours per channel: local times between which nothing is sent (deferred, never dropped)
 * @param frequencyCaps per channel: at most {@code max} messages per recipient per period, across
 *     every journey
 */
@ConfigurationProperties("cairn.policy")
record PolicyProperties(
    double holdoutPercent,
    String holdoutSalt,
    ZoneId defaultTimeZone,
    String timeZoneTag,
    Map<String, QuietWindow> quietHours,
    Map<String, Cap> frequencyCaps) {

  PolicyProperties {
    if (holdoutPercent < 0 || holdoutPercent > 50) {
      throw new IllegalArgumentException(
          "cairn.policy.holdout-percent must be between 0 and 50, was " + holdoutPercent);
    }
    holdoutSalt = holdoutSalt == null ? "cairn" : holdoutSalt;
    defaultTimeZone = defaultTimeZone == null ? ZoneId.of("UTC") : defaultTimeZone;
    timeZoneTag = timeZoneTag == null ? "timezone" : timeZoneTag;
    quietHours = quietHours == null ? Map.of() : Map.copyOf(quietHours);
    frequencyCaps = frequencyCaps == null ? Map.of() : Map.copyOf(frequencyCaps);
    frequencyCaps.forEach(
        (channel, cap) -> {
          if (cap.max() < 1) {
            throw new IllegalArgumentException(
                "cairn.policy.frequency-caps." + channel + ".max must be at least 1");
          }
        });
  }

  QuietWindow quietWindow(io.cairn.connectors.channel.Channel channel) {
    return quietHours.get(channel.name().toLowerCase(Locale.ROOT));
  }

  Cap cap(io.cairn.connectors.channel.Channel channel) {
    return frequencyCaps.get(channel.name().toLowerCase(Locale.ROOT));
  }

  /** Nothing is sent from {@code start} (inclusive) to {@code end} (exclusive), local time. */
  record QuietWindow(LocalTime start, LocalTime end) {}

  /**
   * A frequency cap.
   *
   * @param max messages per recipient per period
   * @param period DAY or WEEK (ISO weeks, from Monday), in the default time zone
   * @param whenExceeded SKIP (the recipient is SUPPRESSED with reason frequency-cap) or DEFER
   *     (sent in the next period)
   */
  record Cap(int max, Period period, WhenExceeded whenExceeded) {
    Cap {
      period = period == null ? Period.DAY : period;
      whenExceeded = whenExceeded == null ? WhenExceeded.SKIP : whenExceeded;
    }
  }

  enum Period {
    DAY,
    WEEK
  }

  enum WhenExceeded {
    SKIP,
    DEFER
  }
}
