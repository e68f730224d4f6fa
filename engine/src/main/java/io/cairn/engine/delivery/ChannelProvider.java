package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.time.Instant;
import java.util.List;

/**
 * A channel and the connector configured for it, as operators may see it: never a credential or a
 * provider URL.
 *
 * @param channel the channel
 * @param connector its connector; null when the channel has none configured (journeys cannot use
 *     it)
 */
public record ChannelProvider(Channel channel, Connector connector) {

  /**
   * @param id the connector id ({@code sms.http}, {@code email.smtp} …)
   * @param acceptedIds the identity types it can address
   * @param maxBatchSize the largest batch it takes in one call
   * @param sandbox true when it only records messages (nothing leaves Cairn)
   * @param health what the ledger says about its latest sends
   */
  public record Connector(
      String id, List<String> acceptedIds, int maxBatchSize, boolean sandbox, Health health) {}

  /**
   * A connector's health judged from the ledger, without calling the provider: its latest attempted
   * rows (about the last {@code cairn.delivery.health-batches} batches).
   *
   * @param state UNKNOWN without recent attempts; DOWN when at least half of them failed
   *     transiently or ambiguously; DEGRADED from 5 %; else UP
   * @param sampled attempted rows looked at
   * @param accepted of those, accepted by the provider
   * @param rejected refused permanently by the provider
   * @param retryable failed transiently (waiting for a retry, or retries exhausted)
   * @param ambiguous may or may not have reached the provider
   * @param troubleShare (retryable + ambiguous) / sampled, 0 when nothing was sampled
   * @param lastSuccessAt the latest change of an accepted row among those sampled (its send, or its
   *     receipt), null when none
   * @param lastAttemptAt the latest change of any sampled row, null when none
   */
  public record Health(
      State state,
      long sampled,
      long accepted,
      long rejected,
      long retryable,
      long ambiguous,
      double troubleShare,
      Instant lastSuccessAt,
      Instant lastAttemptAt) {}

  /** A connector's health state. */
  public enum State {
    UP,
    DEGRADED,
    DOWN,
    UNKNOWN
  }
}
