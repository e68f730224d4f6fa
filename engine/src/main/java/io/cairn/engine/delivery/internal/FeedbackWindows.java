package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.FeedbackWindow;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How long receipts may come for an action: a channel's {@link FeedbackWindow} implementation
 * where there is one (webhooks: each webhook's receipt window), else {@code
 * cairn.delivery.feedback-window.<channel>}.
 */
@Component
public class FeedbackWindows {

  private final Map<Channel, FeedbackWindow> windows = new EnumMap<>(Channel.class);
  private final UpkeepProperties properties;

  FeedbackWindows(List<FeedbackWindow> windows, UpkeepProperties properties) {
    windows.forEach(
        w -> {
          if (this.windows.putIfAbsent(w.channel(), w) != null) {
            throw new IllegalStateException("two feedback windows for channel " + w.channel());
          }
        });
    this.properties = properties;
  }

  /** The window of an action with these node settings; empty when no feedback is expected. */
  public Optional<Duration> window(Channel channel, Map<String, String> settings) {
    FeedbackWindow spi = windows.get(channel);
    return spi != null ? spi.window(settings) : properties.window(channel);
  }

  /** How long the rows of a finished action are kept ({@code cairn.delivery.retention}). */
  public Duration retention() {
    return properties.retention();
  }
}
