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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Records messages in a {@link SandboxOutbox} instead of sending them, so that a journey can be run
 * and watched end to end without a provider account. What it records is exactly what the real
 * connector of the channel would send (the SMS sandbox adds the signature as {@code
 * HttpSmsConnector} does).
 *
 * <p>Every message of a batch is recorded in one {@link SandboxOutbox#record} call and reported
 * {@link Outcome.Sent} with the provider message id {@code sandbox:<idempotency key>}. When the
 * outbox throws, nothing is reported sent: the whole batch is {@link Outcome.Retryable}, which is
 * safe because the outbox stores an idempotency key at most once. Never throws from {@link
 * #deliver}. Thread-safe when the outbox is.
 *
 * @param <S> the settings record of the action node it stands in for
 */
public final class SandboxConnector<S extends Record> implements ChannelConnector<S> {

  /** Id of the SMS sandbox. */
  public static final String SMS_ID = "sms.sandbox";

  /** Id of the email sandbox. */
  public static final String EMAIL_ID = "email.sandbox";

  private final String id;
  private final Channel channel;
  private final Set<IdType> acceptedIds;
  private final Class<S> settingsType;
  private final SandboxOutbox outbox;
  private final Clock clock;
  private final BiFunction<S, OutboundMessage, String> finalText;

  /**
   * A sandbox for any channel; it records each message's body unchanged.
   *
   * @param id the connector id, e.g. {@code webhook.sandbox}
   * @param channel the channel it stands in for
   * @param acceptedIds the identity types it addresses; not empty
   * @param settingsType the settings record of the node it stands in for
   * @param outbox where messages are recorded
   * @param clock stamps {@link SandboxMessage#recordedAt()}
   * @throws IllegalArgumentException if the id is blank or no identity type is given
   */
  public SandboxConnector(
      String id,
      Channel channel,
      Set<IdType> acceptedIds,
      Class<S> settingsType,
      SandboxOutbox outbox,
      Clock clock) {
    this(id, channel, acceptedIds, settingsType, outbox, clock, (settings, m) -> m.body());
  }

  private SandboxConnector(
      String id,
      Channel channel,
      Set<IdType> acceptedIds,
      Class<S> settingsType,
      SandboxOutbox outbox,
      Clock clock,
      BiFunction<S, OutboundMessage, String> finalText) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("sandbox connector id is blank");
    }
    if (acceptedIds == null || acceptedIds.isEmpty()) {
      throw new IllegalArgumentException("sandbox connector " + id + " accepts no identity type");
    }
    this.id = id;
    this.channel = Objects.requireNonNull(channel, "channel");
    this.acceptedIds = Set.copyOf(acceptedIds);
    this.settingsType = Objects.requireNonNull(settingsType, "settingsType");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.finalText = finalText;
  }

  /** The SMS sandbox ({@code sms.sandbox}, mobile numbers): records the signed text. */
  public static SandboxConnector<SmsSettings> sms(SandboxOutbox outbox, Clock clock) {
    return new SandboxConnector<>(
        SMS_ID,
        Channel.SMS,
        Set.of(IdType.MOBILE),
        SmsSettings.class,
        outbox,
        clock,
        SandboxConnector::signed);
  }

  private static String signed(SmsSettings settings, OutboundMessage m) {
    return SmsText.of(settings, m.body());
  }

  /** The email sandbox ({@code email.sandbox}, email addresses): records subject and body. */
  public static SandboxConnector<EmailSettings> email(SandboxOutbox outbox, Clock clock) {
    return new SandboxConnector<>(
        EMAIL_ID, Channel.EMAIL, Set.of(IdType.EMAIL), EmailSettings.class, outbox, clock);
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
    return acceptedIds;
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
    try {
      outbox.record(records(batch));
    } catch (RuntimeException e) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Retryable("sandbox outbox unavailable: " + e.getClass().getSimpleName()));
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (OutboundMessage m : batch.messages()) {
      out.put(m.idempotencyKey(), new Outcome.Sent("sandbox:" + m.idempotencyKey()));
    }
    return new BatchOutcome(out);
  }

  private List<SandboxMessage> records(DeliveryBatch<S> batch) {
    Instant now = clock.instant();
    List<SandboxMessage> records = new ArrayList<>(batch.messages().size());
    for (OutboundMessage m : batch.messages()) {
      records.add(
          new SandboxMessage(
              id,
              channel,
              m.idempotencyKey(),
              m.address(),
              m.subject(),
              finalText.apply(batch.settings(), m),
              now));
    }
    return List.copyOf(records);
  }

  @Override
  public String toString() {
    return "SandboxConnector[" + id + "]";
  }
}
