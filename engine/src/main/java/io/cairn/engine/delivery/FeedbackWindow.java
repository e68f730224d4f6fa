package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * SPI: how long after sending the receivers of one channel may still report on a message, when that
 * depends on the action's node settings rather than on configuration (a webhook's own receipt
 * window). Channels without an implementation use {@code cairn.delivery.feedback-window.<channel>}.
 *
 * <p>Implementations are thread-safe and cheap (called once per open action per sweep).
 */
public interface FeedbackWindow {

  /** The channel whose windows this decides. */
  Channel channel();

  /**
   * The feedback window of an action with these node settings.
   *
   * @return empty when no feedback is expected (receipts off): SENT is then the final outcome and
   *     rows never become {@link DeliveryStatus#NO_FEEDBACK}
   */
  Optional<Duration> window(Map<String, String> settings);
}
