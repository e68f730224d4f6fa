package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.sandbox.SandboxConnector;
import io.cairn.engine.delivery.internal.ChannelRouter;
import io.cairn.engine.delivery.internal.ProviderHealthRows;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The configured connector of each channel and its health, judged from the ledger (the latest
 * {@code cairn.delivery.health-batches} batches' worth of attempted rows) rather than by calling
 * providers, so that listing them is cheap and never sends anything. Nothing returned holds a
 * credential or a provider URL. Thread-safe.
 */
@Service
public class ChannelProviders {

  static final double DOWN_SHARE = 0.5;
  static final double DEGRADED_SHARE = 0.05;

  private final ChannelRouter router;
  private final ProviderHealthRows health;
  private final int batches;
  private final int dispatchBatch;

  ChannelProviders(
      ChannelRouter router,
      ProviderHealthRows health,
      @Value("${cairn.delivery.health-batches:10}") int batches,
      @Value("${cairn.dispatch.batch-size:1000}") int dispatchBatch) {
    if (batches < 1 || batches > 100) {
      throw new IllegalArgumentException(
          "cairn.delivery.health-batches must be 1-100, was " + batches);
    }
    this.router = router;
    this.health = health;
    this.batches = batches;
    this.dispatchBatch = dispatchBatch;
  }

  /** Every channel, in declaration order, with its connector or none. */
  public List<ChannelProvider> list() {
    var configured = router.configured();
    List<ChannelProvider> out = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      ChannelConnector<?> c = configured.get(channel);
      out.add(new ChannelProvider(channel, c == null ? null : describe(c)));
    }
    return out;
  }

  private ChannelProvider.Connector describe(ChannelConnector<?> c) {
    // the sample is what the dispatcher sent in its last batches of this connector
    int batch = Math.max(1, Math.min(dispatchBatch, c.maxBatchSize()));
    ProviderHealthRows.Sample s = health.sample(c.id(), batches * batch);
    return new ChannelProvider.Connector(
        c.id(),
        c.acceptedIds().stream().map(IdType::code).sorted().toList(),
        c.maxBatchSize(),
        c instanceof SandboxConnector<?>,
        health(s));
  }

  static ChannelProvider.Health health(ProviderHealthRows.Sample s) {
    long total = s.total();
    double share = total == 0 ? 0 : (double) (s.retryable() + s.ambiguous()) / total;
    ChannelProvider.State state =
        total == 0
            ? ChannelProvider.State.UNKNOWN
            : share >= DOWN_SHARE
                ? ChannelProvider.State.DOWN
                : share >= DEGRADED_SHARE
                    ? ChannelProvider.State.DEGRADED
                    : ChannelProvider.State.UP;
    return new ChannelProvider.Health(
        state,
        total,
        s.accepted(),
        s.rejected(),
        s.retryable(),
        s.ambiguous(),
        share,
        s.lastSuccessAt(),
        s.lastAttemptAt());
  }
}
