package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.kafka.KafkaConnector;
import io.cairn.connectors.webhook.WebhookConnector;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Chooses the connector of each channel from configuration ({@code cairn.channels.sms.connector} =
 * {@code sandbox} picks the connector with id {@code sms.sandbox}; SMS also offers {@code http} and
 * {@code platform}, email {@code smtp} and {@code http}, push {@code fcm}). Webhooks and coupons
 * have one connector each: each webhook is a receiver an administrator registered, and a coupon's
 * codes come from its imported pool, so there is nothing to choose. Kafka has one connector,
 * {@code kafka}, registered only when {@code cairn.channels.kafka.clusters} names a cluster. Ads
 * have one connector per platform ({@code ads.google}, {@code ads.meta}), each registered only
 * when configured; the node picks the platform ({@link #connectorFor(Channel, String)}). A journey
 * using a channel or platform without a configured connector is refused at validation.
 */
@Component
public class ChannelRouter {

  private final Map<Channel, ChannelConnector<?>> byChannel = new EnumMap<>(Channel.class);

  /** Connectors a node names itself, by id: one per ad platform. */
  private final Map<String, ChannelConnector<?>> chosenByNode = new HashMap<>();

  ChannelRouter(
      List<ChannelConnector<?>> connectors,
      @Value("${cairn.channels.sms.connector:sandbox}") String sms,
      @Value("${cairn.channels.email.connector:sandbox}") String email,
      @Value("${cairn.channels.push.connector:sandbox}") String push) {
    choose(connectors, Channel.SMS, sms);
    choose(connectors, Channel.EMAIL, email);
    choose(connectors, Channel.PUSH, push);
    connectors.stream()
        .filter(c -> c.channel() == Channel.WEBHOOK && c.id().equals(WebhookConnector.ID))
        .findFirst()
        .ifPresent(c -> byChannel.put(Channel.WEBHOOK, c));
    // Coupons have one connector too: codes come from Cairn's own pools, not a provider.
    connectors.stream()
        .filter(c -> c.channel() == Channel.COUPON)
        .findFirst()
        .ifPresent(c -> byChannel.put(Channel.COUPON, c));
    connectors.stream()
        .filter(c -> c.channel() == Channel.KAFKA && c.id().equals(KafkaConnector.ID))
        .findFirst()
        .ifPresent(c -> byChannel.put(Channel.KAFKA, c));
    connectors.stream()
        .filter(c -> c.channel() == Channel.ADS)
        .forEach(c -> chosenByNode.put(c.id(), c));
  }

  private void choose(List<ChannelConnector<?>> connectors, Channel channel, String name) {
    String id = channel.name().toLowerCase(Locale.ROOT) + "." + name.strip();
    ChannelConnector<?> connector =
        connectors.stream()
            .filter(c -> c.id().equals(id) && c.channel() == channel)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cairn.channels."
                            + channel.name().toLowerCase(Locale.ROOT)
                            + ".connector="
                            + name
                            + ": no connector with id "
                            + id
                            + " is configured"));
    byChannel.put(channel, connector);
  }

  /** The connector that delivers {@code channel}; throws when the channel has none. */
  public ChannelConnector<?> connectorFor(Channel channel) {
    ChannelConnector<?> c = byChannel.get(channel);
    if (c == null) {
      throw new IllegalStateException(
          "no connector configured for channel "
              + channel
              + " (cairn.channels."
              + channel.name().toLowerCase(Locale.ROOT)
              + ".*)");
    }
    return c;
  }

  /**
   * The connector a node chose, for channels where the node picks one (ad platforms); {@code null}
   * means the channel's configured connector, as {@link #connectorFor(Channel)}.
   *
   * @throws IllegalStateException when that connector is not configured, naming its settings
   */
  public ChannelConnector<?> connectorFor(Channel channel, String connectorId) {
    if (connectorId == null) {
      return connectorFor(channel);
    }
    ChannelConnector<?> c = chosenByNode.get(connectorId);
    if (c == null || c.channel() != channel) {
      throw new IllegalStateException(
          "connector "
              + connectorId
              + " is not configured (cairn.channels."
              + connectorId
              + ".*)");
    }
    return c;
  }

  /** The configured connector of each channel that has one, in channel order. */
  public Map<Channel, ChannelConnector<?>> configured() {
    return java.util.Collections.unmodifiableMap(new EnumMap<>(byChannel));
  }

  /** The connector with this id (used for actions recorded before a configuration change). */
  public ChannelConnector<?> connector(String id) {
    return byChannel.values().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .or(() -> Optional.ofNullable(chosenByNode.get(id)))
        .orElseThrow(() -> new IllegalStateException("connector " + id + " is not configured"));
  }
}
