package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelRouterTest {

  /** A connector that only has an identity; routing never delivers. */
  private record Named(String id, Channel channel) implements ChannelConnector<Named.None> {
    record None() {}

    @Override
    public Set<IdType> acceptedIds() {
      return Set.of(IdType.MOBILE);
    }

    @Override
    public Class<None> settingsType() {
      return None.class;
    }

    @Override
    public BatchOutcome deliver(DeliveryBatch<None> batch) {
      return new BatchOutcome(Map.of());
    }
  }

  private static ChannelRouter router(ChannelConnector<?>... optional) {
    List<ChannelConnector<?>> all =
        new ArrayList<>(
            List.of(
                new Named("sms.sandbox", Channel.SMS),
                new Named("email.sandbox", Channel.EMAIL),
                new Named("push.sandbox", Channel.PUSH)));
    all.addAll(List.of(optional));
    return new ChannelRouter(all, "sandbox", "sandbox", "sandbox");
  }

  @Test
  void shouldRouteToTheAdPlatformTheNodeChoseAndFindItByIdForRecordedActions() {
    Named google = new Named("ads.google", Channel.ADS);
    Named meta = new Named("ads.meta", Channel.ADS);
    ChannelRouter router = router(google, meta);

    assertThat(router.connectorFor(Channel.ADS, "ads.meta")).isSameAs(meta);
    assertThat(router.connectorFor(Channel.ADS, "ads.google")).isSameAs(google);
    assertThat(router.connector("ads.meta")).isSameAs(meta);
    assertThat(router.connectorFor(Channel.SMS, null).id()).isEqualTo("sms.sandbox");
  }

  @Test
  void shouldNameTheSettingsOfAnUnconfiguredPlatformOrChannel() {
    ChannelRouter router = router(new Named("ads.meta", Channel.ADS));

    assertThatThrownBy(() -> router.connectorFor(Channel.ADS, "ads.google"))
        .hasMessage("connector ads.google is not configured (cairn.channels.ads.google.*)");
    assertThatThrownBy(() -> router.connectorFor(Channel.SMS, "ads.meta"))
        .as("a node cannot send one channel through another channel's connector")
        .hasMessageContaining("ads.meta is not configured");
    assertThatThrownBy(() -> router.connectorFor(Channel.KAFKA))
        .hasMessage("no connector configured for channel KAFKA (cairn.channels.kafka.*)");
    assertThatThrownBy(() -> router.connector("kafka")).hasMessageContaining("not configured");
  }

  @Test
  void shouldRouteKafkaOnlyWhenItsConnectorIsRegistered() {
    Named kafka = new Named("kafka", Channel.KAFKA);

    assertThat(router(kafka).connectorFor(Channel.KAFKA)).isSameAs(kafka);
    assertThat(router(kafka).connector("kafka")).isSameAs(kafka);
  }
}
