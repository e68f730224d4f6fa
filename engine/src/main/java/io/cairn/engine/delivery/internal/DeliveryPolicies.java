package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.Suppressions;
import io.cairn.engine.profile.ProfileReader;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The send policies, checked for every recipient when the dispatcher is about to send (not when
 * the row was written, so that an unsubscribe or a cap reached since is honoured): the global
 * holdout group, the channel's suppression list, quiet hours in the recipient's time zone, and
 * the per-recipient frequency cap across all journeys.
 */
@Component
@EnableConfigurationProperties(PolicyProperties.class)
class DeliveryPolicies {

  /** What the policies decide for one recipient. */
  sealed interface Verdict {
    /** May be sent; {@code capPeriod} is the period a cap slot was taken in (null = no cap). */
    record Send(LocalDate capPeriod) implements Verdict {}

    /** Not sent, recorded as SUPPRESSED with the policy's name. */
    record Suppress(String policy) implements Verdict {}

    /** Not sent now; due again at {@code until} without spending an attempt. */
    record Defer(Instant until, String policy) implements Verdict {}
  }

  private static final Verdict.Send SEND = new Verdict.Send(null);

  private final PolicyProperties properties;
  private final Suppressions suppressions;
  private final FrequencyCaps caps;
  private final ProfileReader profiles;
  private final Clock clock;
  private final Holdout holdout;

  DeliveryPolicies(
      PolicyProperties properties,
      Suppressions suppressions,
      FrequencyCaps caps,
      ProfileReader profiles,
      Clock clock) {
    this.properties = properties;
    this.suppressions = suppressions;
    this.caps = caps;
    this.profiles = profiles;
    this.clock = clock;
    this.holdout = new Holdout(properties.holdoutPercent(), properties.holdoutSalt());
  }

  /**
   * Holdout, suppression list and quiet hours for recipients with an address; the entities
   * missing from the result may be sent (subject to {@link #reserve}).
   */
  Map<Integer, Verdict> screen(Channel channel, String entityType, Map<Integer, String> addresses) {
    Map<Integer, Verdict> out = new HashMap<>();
    addresses.keySet().forEach(id -> {
      if (holdout.holdsOut(id)) {
        out.put(id, new Verdict.Suppress("holdout"));
      }
    });
    Set<String> suppressed = suppressions.suppressedAmong(channel, addresses.values());
    addresses.forEach((id, address) -> {
      if (!out.containsKey(id) && suppressed.contains(address)) {
        out.put(id, new Verdict.Suppress("suppression-list"));
      }
    });
    PolicyProperties.QuietWindow quiet = properties.quietWindow(channel);
    if (quiet != null) {
      deferQuiet(entityType, addresses, quiet, out);
    }
    return out;
  }

  private void deferQuiet(
      String entityType,
      Map<Integer, String> addresses,
      PolicyProperties.QuietWindow quiet,
      Map<Integer, Verdict> out) {
    int[] ids = addresses.keySet().stream().filter(id -> !out.containsKey(id)).mapToInt(i -> i).toArray();
    Map<Integer, Map<String, String>> zones =
        profiles.tagValues(entityType, ids, Set.of(properties.timeZoneTag()));
    Instant now = clock.instant();
    for (int id : ids) {
      String zone = zones.getOrDefault(id, Map.of()).get(properties.timeZoneTag());
      Instant allowed = QuietHours.nextAllowed(now, zoneOf(zone), quiet);
      if (allowed.isAfter(now)) {
        out.put(id, new Verdict.Defer(allowed, "quiet-hours"));
      }
    }
  }

  private ZoneId zoneOf(String tagValue) {
    if (tagValue == null || tagValue.isBlank()) {
      return properties.defaultTimeZone();
    }
    try {
      return ZoneId.of(tagValue.strip());
    } catch (DateTimeException notAZone) {
      return properties.defaultTimeZone();
    }
  }

  /** Takes a slot of the recipient's frequency cap, if the channel has one. */
  Verdict reserve(Channel channel, String entityType, int entityId) {
    PolicyProperties.Cap cap = properties.cap(channel);
    if (cap == null) {
      return SEND;
    }
    ZoneId zone = properties.defaultTimeZone();
    LocalDate period = FrequencyCaps.periodStart(clock.instant(), zone, cap.period());
    if (caps.reserve(entityType, entityId, channel, period, cap.max())) {
      return new Verdict.Send(period);
    }
    return cap.whenExceeded() == PolicyProperties.WhenExceeded.SKIP
        ? new Verdict.Suppress("frequency-cap")
        : new Verdict.Defer(FrequencyCaps.nextPeriod(period, zone, cap.period()), "frequency-cap");
  }

  /** Gives back the slot of a message that was not sent. */
  void release(Channel channel, String entityType, int entityId, LocalDate capPeriod) {
    if (capPeriod != null) {
      caps.release(entityType, entityId, channel, capPeriod);
    }
  }
}
