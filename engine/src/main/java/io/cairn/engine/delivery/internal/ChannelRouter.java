package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.webhook.WebhookConnector;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Chooses the connector of each channel from configuration ({@code cairn.channels.sms.connector} =
 * {@code sandbox} picks the connector with id {@code sms.sandbox}; SMS also offers {@code http} and
 * {@code platform}, email {@code smtp} and {@code http}, push {@code fcm}). Webhooks and coupons
 * have one connector each: each webhook is a receiver an administrator registered, and a coupon's
 * codes come from its imported pool, so there is nothing to choose. Channels without a configured
 * connector (ads, Kafka) are refused when a journey uses them.
 */
@Component
public class ChannelRouter {

  private final Map<Channel, ChannelConnector<?>> byChannel = new EnumMap<>(Channel.class);

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
      throw new IllegalStateException("no connector configured for channel " + channel);
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
        .orElseThrow(() -> new IllegalStateException("connector " + id + " is not configured"));
  }
}
