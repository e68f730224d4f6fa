package io.cairn.connectors.sandbox;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.sms.SmsText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Records messages in a {@link SandboxOutbox} instead of sending them, so a journey can be watched
 * end to end without a provider account. The recorded text is exactly what would be sent.
 * Thread-safe when the outbox is.
 */
public final class SandboxConnector<S extends Record> implements ChannelConnector<S> {

  private final String id;
  private final Channel channel;
  private final IdType idType;
  private final Class<S> settingsType;
  private final SandboxOutbox outbox;
  private final Clock clock;
  private final BiFunction<S, OutboundMessage, String> finalText;

  private SandboxConnector(
      String id,
      Channel channel,
      IdType idType,
      Class<S> settingsType,
      SandboxOutbox outbox,
      Clock clock,
      BiFunction<S, OutboundMessage, String> finalText) {
    this.id = id;
    this.channel = channel;
    this.idType = idType;
    this.settingsType = settingsType;
    this.outbox = outbox;
    this.clock = clock;
    this.finalText = finalText;
  }

  /** The SMS sandbox ({@code sms.sandbox}): records the signed text. */
  public static SandboxConnector<SmsSettings> sms(SandboxOutbox outbox, Clock clock) {
    return new SandboxConnector<>(
        "sms.sandbox", Channel.SMS, IdType.MOBILE, SmsSettings.class, outbox, clock,
        (s, m) -> SmsText.withSignature(s.signature(), m.body()));
  }

  /** The email sandbox ({@code email.sandbox}). */
  public static SandboxConnector<EmailSettings> email(SandboxOutbox outbox, Clock clock) {
    return new SandboxConnector<>(
        "email.sandbox", Channel.EMAIL, IdType.EMAIL, EmailSettings.class, outbox, clock,
        (s, m) -> m.body());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return Set.of(idType);
  }

  @Override
  public Class<S> settingsType() {
    return settingsType;
  }

  @Override
  public int maxBatchSize() {
    return 1_000;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<S> batch) {
    List<SandboxMessage> records = new ArrayList<>(batch.messages().size());
    for (OutboundMessage m : batch.messages()) {
      records.add(
          new SandboxMessage(
              id, channel, m.idempotencyKey(), m.address(), m.subject(),
              finalText.apply(batch.settings(), m), clock.instant()));
    }
    try {
      outbox.record(records);
    } catch (RuntimeException e) {
      return BatchOutcome.all(batch.messages(), new Outcome.Retryable("sandbox outbox unavailable"));
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (OutboundMessage m : batch.messages()) {
      out.put(m.idempotencyKey(), new Outcome.Sent("sandbox:" + m.idempotencyKey()));
    }
    return new BatchOutcome(out);
  }
}
