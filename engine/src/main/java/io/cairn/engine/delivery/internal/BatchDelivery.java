package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.email.SmtpEmailConnector;
import io.cairn.engine.delivery.DeliveryStatus;
import io.cairn.engine.delivery.UnsubscribeLinks;
import io.cairn.engine.profile.ProfileReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One batch of one action: looks up addresses and template variables, renders, calls the connector,
 * and turns its outcomes into ledger results. Retries are decided here, never by the connector or
 * its HTTP client: a retryable outcome goes back to PENDING with exponential backoff until the
 * attempts run out. It throws only before the connector is called, so a failed batch was not sent.
 */
@Component
class BatchDelivery {

  private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

  private final ProfileReader profiles;
  private final DeliveryPolicies policies;
  private final UnsubscribeLinks unsubscribeLinks;
  private final ActionContents contents;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration firstBackoff;

  BatchDelivery(
      ProfileReader profiles,
      DeliveryPolicies policies,
      UnsubscribeLinks unsubscribeLinks,
      ActionContents contents,
      Clock clock,
      @Value("${cairn.dispatch.max-attempts:3}") int maxAttempts,
      @Value("${cairn.dispatch.first-backoff:2s}") Duration firstBackoff) {
    this.profiles = profiles;
    this.policies = policies;
    this.unsubscribeLinks = unsubscribeLinks;
    this.contents = contents;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
  }

  /** What stays the same for every batch of an action. */
  record Plan(
      LedgerRows.Action action,
      ChannelConnector<Record> connector,
      Record settings,
      MessageRenderer renderer,
      IdType idType) {}

  /** The identity type comes from the node where its settings choose one (webhooks, Kafka). */
  @SuppressWarnings("unchecked")
  Plan plan(LedgerRows.Action action, ChannelConnector<?> connector) {
    ChannelConnector<Record> typed = (ChannelConnector<Record>) connector;
    Record settings = SettingsBinder.bind(action.settings(), connector.settingsType());
    return new Plan(
        action, typed, settings, MessageRenderer.of(settings), typed.idTypeFor(settings));
  }

  /**
   * Delivers one batch and returns every recipient's new state.
   *
   * @param beforeSending runs right before the connector is called (not at all when nobody is
   *     left to send to): the caller makes the batch's sending durable there
   */
  List<LedgerRows.Result> deliver(
      Plan plan, List<LedgerRows.Claimed> claimed, Runnable beforeSending) {
    int[] ids = claimed.stream().mapToInt(LedgerRows.Claimed::entityId).toArray();
    String entityType = plan.action().entityType();
    Channel channel = plan.connector().channel();
    Map<Integer, String> addresses = profiles.identities(entityType, ids, plan.idType());
    addresses.values().removeIf(String::isBlank);
    Map<Integer, DeliveryPolicies.Verdict> screened =
        policies.screen(channel, entityType, addresses);
    Map<Integer, Map<String, String>> values =
        plan.renderer().variables().isEmpty()
            ? Map.of()
            : profiles.tagValues(entityType, ids, plan.renderer().variables());
    List<LedgerRows.Result> results = new ArrayList<>(claimed.size());
    List<OutboundMessage> messages = new ArrayList<>(claimed.size());
    List<LedgerRows.Claimed> sending = new ArrayList<>(claimed.size());
    List<LocalDate> capPeriods = new ArrayList<>(claimed.size());
    for (LedgerRows.Claimed row : claimed) {
      String address = addresses.get(row.entityId());
      if (address == null) {
        results.add(skip(row, null, "no " + plan.idType().code()));
        continue;
      }
      DeliveryPolicies.Verdict verdict = screened.get(row.entityId());
      if (verdict != null) {
        results.add(withheld(row, address, verdict));
        continue;
      }
      Map<String, String> own = values.getOrDefault(row.entityId(), Map.of());
      Map<String, String> extra = extras(plan, row.entityId(), address, own);
      MessageRenderer.Rendered r = plan.renderer().render(withExtras(own, extra));
      if (r.skipped()) {
        results.add(skip(row, address, r.skipReason()));
        continue;
      }
      verdict = policies.reserve(channel, entityType, row.entityId());
      if (!(verdict instanceof DeliveryPolicies.Verdict.Send send)) {
        results.add(withheld(row, address, verdict));
        continue;
      }
      messages.add(
          new OutboundMessage(
              key(plan, row),
              address,
              r.subject(),
              r.body(),
              withExtras(r.variables(), extra),
              r.html()));
      sending.add(row);
      capPeriods.add(send.capPeriod());
    }
    if (!messages.isEmpty()) {
      beforeSending.run();
      BatchOutcome outcome = call(plan, messages);
      for (int i = 0; i < sending.size(); i++) {
        OutboundMessage m = messages.get(i);
        Outcome o = outcome.outcomeFor(m.idempotencyKey());
        if (o instanceof Outcome.Rejected || o instanceof Outcome.Retryable) {
          releaseCap(channel, entityType, sending.get(i).entityId(), capPeriods.get(i));
        }
        results.add(result(sending.get(i), m.address(), o));
      }
    }
    return results;
  }

  /**
   * Gives back a cap slot of a message the provider did not take. Never throws: the batch has been
   * sent by now, and its outcomes must still be recorded (a slot not given back costs the recipient
   * one message of the period, no more).
   */
  private void releaseCap(Channel channel, String entityType, int entityId, LocalDate period) {
    try {
      policies.release(channel, entityType, entityId, period);
    } catch (RuntimeException e) {
      log.warn("could not give back a frequency-cap slot of entity {}", entityId, e);
    }
  }

  /**
   * Values Cairn adds for every recipient of a channel: an email's one-click unsubscribe link,
   * usable in templates as {@code ${unsubscribe_url}} and sent as List-Unsubscribe, and those of
   * {@link ActionContents} (a template's replacement texts, tracked short links).
   */
  private Map<String, String> extras(
      Plan plan, int entityId, String address, Map<String, String> own) {
    Channel channel = plan.connector().channel();
    Map<String, String> content =
        contents.recipientValues(plan.action().id(), entityId, plan.renderer().variables(), own);
    return channel == Channel.EMAIL
        ? withExtras(
            content,
            Map.of(SmtpEmailConnector.UNSUBSCRIBE_URL, unsubscribeLinks.linkFor(channel, address)))
        : content;
  }

  private static Map<String, String> withExtras(Map<String, String> own, Map<String, String> extra) {
    if (extra.isEmpty()) {
      return own;
    }
    Map<String, String> all = new HashMap<>(own);
    all.putAll(extra);
    return all;
  }

  /** A recipient the send policies held back: suppressed for good, or deferred. */
  private static LedgerRows.Result withheld(
      LedgerRows.Claimed row, String address, DeliveryPolicies.Verdict verdict) {
    if (verdict instanceof DeliveryPolicies.Verdict.Defer d) {
      return new LedgerRows.Result(
          row.entityId(), DeliveryStatus.PENDING, address, d.policy(), null, d.until(), true);
    }
    String policy = ((DeliveryPolicies.Verdict.Suppress) verdict).policy();
    return new LedgerRows.Result(
        row.entityId(), DeliveryStatus.SUPPRESSED, address, policy, null, null, false);
  }

  private static BatchOutcome call(Plan plan, List<OutboundMessage> messages) {
    try {
      return plan.connector().deliver(new DeliveryBatch<>(plan.settings(), messages));
    } catch (RuntimeException e) {
      // The SPI forbids throwing; if a connector does, nobody knows what the provider got.
      return BatchOutcome.all(
          messages, new Outcome.Ambiguous("connector failed: " + e.getClass().getSimpleName()));
    }
  }

  private static String key(Plan plan, LedgerRows.Claimed row) {
    return plan.action().id() + "-" + row.entityId();
  }

  private static LedgerRows.Result skip(LedgerRows.Claimed row, String address, String reason) {
    return new LedgerRows.Result(
        row.entityId(), DeliveryStatus.SKIPPED, address, reason, null, null, false);
  }

  private LedgerRows.Result result(LedgerRows.Claimed row, String address, Outcome outcome) {
    if (outcome instanceof Outcome.Sent s) {
      return new LedgerRows.Result(
          row.entityId(), DeliveryStatus.SENT, address, null, s.providerMessageId(), null, false);
    }
    if (outcome instanceof Outcome.Rejected r) {
      String reason = r.code() + ": " + r.reason();
      return new LedgerRows.Result(
          row.entityId(), DeliveryStatus.FAILED, address, reason, null, null, false);
    }
    if (outcome instanceof Outcome.Retryable t) {
      return retry(row, address, t.reason());
    }
    String reason = ((Outcome.Ambiguous) outcome).reason();
    return new LedgerRows.Result(
        row.entityId(), DeliveryStatus.AMBIGUOUS, address, reason, null, null, false);
  }

  private LedgerRows.Result retry(LedgerRows.Claimed row, String address, String reason) {
    if (row.attempts() >= maxAttempts) {
      return new LedgerRows.Result(
          row.entityId(),
          DeliveryStatus.FAILED,
          address,
          LedgerRows.EXHAUSTED + row.attempts() + " attempts: " + reason,
          null,
          null,
          false);
    }
    // x4 per attempt, and "equal jitter" (half fixed, half random): recipients that failed
    // together, e.g. in one throttled batch, do not all come back in the same instant.
    long backoff = firstBackoff.toMillis() << (2 * (row.attempts() - 1));
    long wait = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
    Instant next = clock.instant().plusMillis(wait);
    return new LedgerRows.Result(
        row.entityId(), DeliveryStatus.PENDING, address, reason, null, next, false);
  }
}
